// Every file of this target sees the shared helpers: SharedData, TemporaryFolder.
@_exported import SFDBGTestSupport

@testable import ASLLoading

/// The error `body` throws, or nil.
func loadError(_ body: () throws -> Void) -> LoadError? {
  do {
    try body()
    return nil
  } catch let error as LoadError {
    return error
  } catch {
    return LoadError("unexpected error type: \(error)", file: "")
  }
}

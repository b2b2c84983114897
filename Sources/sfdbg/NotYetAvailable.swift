import ArgumentParser

/// Thrown by a subcommand whose issue has not landed yet: prints a plain message and exits 2.
struct NotYetAvailable: Error, CustomStringConvertible {
  var subcommand: String
  var issue: String
  var description: String {
    "sfdbg \(subcommand) is not available yet (it arrives with the issue \"\(issue)\")."
  }
}

extension NotYetAvailable {
  /// Prints the message and exits with status 2.
  func exit() -> Never {
    FileOutput.standardError.write("error: \(description)\n")
    SFDebug.exit(withError: ExitCode(2))
  }
}

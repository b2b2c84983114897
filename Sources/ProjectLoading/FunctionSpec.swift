import ASLLoading
import DebuggerCore
import Foundation

extension LocalFunction {
  /// Parses `--function NAME=RUNTIME:PATH:HANDLER` (`Orders=python3.12:src/orders:app.handler`):
  /// PATH is the code folder (relative to the current directory), HANDLER `module.function`.
  init(spec: String) throws(CommandError) {
    let usage = "--function expects NAME=RUNTIME:PATH:HANDLER (e.g. Orders=python3.12:src:app.handler), found \"\(spec)\""
    guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else { throw CommandError(usage) }
    let name = String(spec[..<eq])
    let rest = spec[spec.index(after: eq)...]
    guard let first = rest.firstIndex(of: ":"), let last = rest.lastIndex(of: ":"), first < last else {
      throw CommandError(usage)
    }
    let runtime = String(rest[..<first])
    let path = String(rest[rest.index(after: first)..<last])
    let handler = String(rest[rest.index(after: last)...])
    guard LocalFunction.language(of: runtime) != nil else {
      throw CommandError("--function \(name): sfdbg runs python3.x and nodejs* runtimes, not \"\(runtime)\"")
    }
    guard handler.contains("."), !path.isEmpty else { throw CommandError(usage) }
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CommandError("--function \(name): code folder \"\(path)\" not found")
    }
    self.init(name: name, runtime: runtime, codeDirectory: (absolute as NSString).standardizingPath, handler: handler)
  }
}

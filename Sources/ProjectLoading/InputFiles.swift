import Foundation
import JSONCore

/// Reading the execution input and side files (mocks, scripts) with clear messages.
public enum InputFiles {
  /// A file that cannot be used, with the message to show (it names the file).
  public struct Problem: Error, Sendable {
    public var message: String
  }

  /// AWS's quota on execution input (StartExecution): 256 KiB.
  public static let maximumInputBytes = 262_144

  /// Parses execution input; `origin` (a path or `--input`) locates a syntax error.
  public static func parseInput(_ bytes: [UInt8], origin: String) throws(Problem) -> JSONValue {
    if bytes.count > maximumInputBytes { throw Problem(message: inputTooLarge(origin, bytes.count)) }
    do {
      return try JSONParser.parseDocument(bytes).value
    } catch {
      throw Problem(message: SourcePosition.locate(origin, error.position) + ": " + error.message)
    }
  }

  static func inputTooLarge(_ origin: String, _ size: Int) -> String {
    "\(origin): the execution input is \(size) bytes; Step Functions refuses it: 1 validation "
      + "error detected: Value at 'input' failed to satisfy constraint: Member must have length "
      + "less than or equal to \(maximumInputBytes)"
  }

  /// Reads a regular file, refusing directories, missing files and files above `limit`.
  /// `what` names the content ("input", "mock file", "script").
  public static func read(_ path: String, limit: Int, what: String) throws(Problem) -> [UInt8] {
    let file = what.hasSuffix("file") ? what : what + " file"
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Problem(message: "\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw Problem(message: "\(path): is a directory, expected \(what == "input" ? "an" : "a") \(file)") }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = (attributes?[.size] as? NSNumber)?.intValue, size > limit {
      throw Problem(message: what == "input" ? inputTooLarge(path, size) : "\(path): the \(what) is \(size) bytes, more than the \(limit) bytes accepted")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw Problem(message: "\(path): cannot be read") }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
    if data.count > limit {
      throw Problem(message: what == "input" ? inputTooLarge(path, data.count) : "\(path): the \(what) is larger than \(limit) bytes")
    }
    if data.isEmpty {
      let expected = what == "script" ? "debugger commands, one a line" : "JSON"
      throw Problem(message: "\(path): the \(file) is empty; expected \(expected)")
    }
    return Array(data)
  }
}

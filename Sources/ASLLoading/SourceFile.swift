import Foundation
import JSONCore

/// The raw bytes of an input file, read with the checks every loader needs.
struct SourceFile: Sendable {
  /// The syntax the file is read with.
  enum Syntax: Sendable { case json, json5, yaml }

  /// Largest file sfdbg reads. AWS caps a definition at 1 MB (1,048,576 characters); templates
  /// are bigger but nowhere near this.
  static let maximumSize = 16 * 1024 * 1024

  var path: String
  var bytes: [UInt8]

  /// Reads `path`, refusing directories, devices, empty files and oversized files with a message.
  static func read(_ path: String) throws(LoadError) -> SourceFile {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw LoadError("no such file", file: path)
    }
    if isDirectory.boolValue {
      throw LoadError("is a directory; expected an ASL definition or a SAM/CloudFormation template", file: path)
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let fileType = attributes?[.type] as? FileAttributeType
    if let fileType, fileType != .typeRegular, fileType != .typeSymbolicLink {
      throw LoadError(
        "is not a regular file (\(describe(fileType))); expected an ASL definition or a template",
        file: path)
    }
    let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    if size > maximumSize {
      throw LoadError(
        "file is \(megabytes(size)) MB; sfdbg reads definitions and templates up to "
          + "\(maximumSize / 1024 / 1024) MB (AWS limits a definition to 1 MB)", file: path)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw LoadError("cannot open the file for reading (permission denied?)", file: path)
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maximumSize + 1) ?? Data()
    } catch {
      throw LoadError("cannot read the file: \(error.localizedDescription)", file: path)
    }
    if data.count > maximumSize {
      throw LoadError("file is larger than \(maximumSize / 1024 / 1024) MB; refusing to read it", file: path)
    }
    let file = SourceFile(path: path, bytes: [UInt8](data))
    if file.isBlank {
      throw LoadError("file is empty; expected an ASL definition (a JSON object with StartAt and States)", file: path)
    }
    return file
  }

  /// True when the file holds nothing but whitespace.
  var isBlank: Bool {
    !bytes.contains { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
  }

  /// The syntax by extension, else by the first significant character.
  var syntax: Syntax {
    let lower = path.lowercased()
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
    if lower.hasSuffix(".json5") { return .json5 }
    if lower.hasSuffix(".json") { return .json }
    let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .json }
    // Anything that looks like a YAML mapping; otherwise JSON gives the clearer error.
    if first.map({ $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "-") }) == true { return .yaml }
    if let text = String(validating: bytes.prefix(4096), as: UTF8.self), text.contains(":"),
      text.first(where: { !$0.isWhitespace }).map({ $0.isLetter }) == true
    {
      return .yaml
    }
    return .json
  }

  /// The text as UTF-8, or an error at the first invalid byte.
  func text() throws(LoadError) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    let offset = SourceFile.firstInvalidUTF8Offset(bytes) ?? 0
    throw LoadError(
      "invalid UTF-8 (byte 0x\(String(bytes[min(offset, bytes.count - 1)], radix: 16, uppercase: true))); "
        + "definitions must be UTF-8 text", file: path, position: position(ofOffset: offset))
  }

  /// Line and column (in Unicode scalars, counting invalid bytes as one) of a byte offset.
  func position(ofOffset offset: Int) -> SourcePosition {
    var line = 1
    var column = 1
    var k = 0
    while k < offset && k < bytes.count {
      let b = bytes[k]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      k += 1
    }
    return SourcePosition(line: line, column: column, offset: offset)
  }

  static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 { i += 1; continue }
      let length: Int
      if b & 0xE0 == 0xC0, b >= 0xC2 { length = 2 }
      else if b & 0xF0 == 0xE0 { length = 3 }
      else if b & 0xF8 == 0xF0, b <= 0xF4 { length = 4 }
      else { return i }
      if i + length > n { return i }
      for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
      if String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return i }
      i += length
    }
    return nil
  }

  private static func megabytes(_ size: Int) -> String {
    String(format: "%.1f", Double(size) / 1_048_576)
  }

  private static func describe(_ type: FileAttributeType) -> String {
    switch type {
    case .typeCharacterSpecial: return "a character device"
    case .typeBlockSpecial: return "a block device"
    case .typeSocket: return "a socket"
    default: return "not a regular file"
    }
  }
}

import Foundation
import JSONCore

/// A definition or template file read into a positioned JSON document.
struct ParsedFile {
  var source: SourceFile
  var document: JSONDocument
  /// YAML plain scalars that contain `${`: typed again after substitution.
  var plainPlaceholderPointers: Set<JSONPointer>
  /// Duplicate template keys read with the last value kept (YAML only), as warnings.
  var duplicateKeyWarnings: [(message: String, position: SourcePosition)] = []

  /// Reads and parses `path` (JSON, JSON with comments, or YAML with CloudFormation tags).
  /// `substitutions` fill placeholders that sit outside JSON strings before parsing.
  static func read(_ path: String, substitutions: [String: String]) throws(LoadError) -> ParsedFile {
    let source = try SourceFile.read(path)
    return try parse(source, substitutions: substitutions)
  }

  static func parse(_ source: SourceFile, substitutions: [String: String]) throws(LoadError) -> ParsedFile {
    switch source.syntax {
    case .yaml:
      let text = try source.text()
      let result = try YAMLReader.read(text, file: source.path)
      return ParsedFile(
        source: source, document: result.document,
        plainPlaceholderPointers: result.plainPlaceholderPointers,
        duplicateKeyWarnings: result.duplicateKeyWarnings)
    case .json, .json5:
      var bytes = source.bytes
      if source.syntax == .json5 { bytes = JSONComments.blankOut(bytes) }
      if bytes.contains(UInt8(ascii: "$")) {
        bytes = try Placeholders.fillOutsideStrings(bytes, substitutions, file: source.path, source: source)
      }
      do {
        let document = try JSONParser.parseDocument(bytes)
        return ParsedFile(source: source, document: document, plainPlaceholderPointers: [])
      } catch {
        throw LoadError("JSON syntax error: \(error.message)", file: source.path, position: error.position)
      }
    }
  }
}

/// Comments in JSON5-style files (`// ...` and `/* ... */`), blanked out so positions stay right.
enum JSONComments {
  static func blankOut(_ bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    var i = 0
    var inString = false
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if inString {
        if b == UInt8(ascii: "\\") { i += 2; continue }
        if b == UInt8(ascii: "\"") { inString = false }
        i += 1
        continue
      }
      if b == UInt8(ascii: "\"") { inString = true; i += 1; continue }
      if b == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "/") {
        while i < n, bytes[i] != 0x0A { out[i] = 0x20; i += 1 }
        continue
      }
      if b == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "*") {
        while i < n, !(bytes[i] == UInt8(ascii: "*") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "/")) {
          if bytes[i] != 0x0A { out[i] = 0x20 }
          i += 1
        }
        if i < n { out[i] = 0x20; if i + 1 < n { out[i + 1] = 0x20 } }
        i += 2
        continue
      }
      i += 1
    }
    return out
  }
}

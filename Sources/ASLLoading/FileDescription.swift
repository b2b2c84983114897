import Foundation
import JSONCore

extension ASLLoader {
  /// What a file says about itself: a template's top-level `Description` (the lessons in
  /// demo/lessons explain themselves there), else an ASL definition's top-level `Comment`; nil
  /// when it has neither or cannot be read.
  public static func description(ofFile path: String) -> String? {
    guard let parsed = try? ParsedFile.read(path, substitutions: [:]) else { return nil }
    let root = parsed.document.value
    let text = root["Resources"] != nil ? root["Description"] : root["Comment"]
    guard case .string(let value)? = text else { return nil }
    let trimmed = value.split(whereSeparator: \.isNewline).joined(separator: " ")
      .trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? nil : trimmed
  }
}

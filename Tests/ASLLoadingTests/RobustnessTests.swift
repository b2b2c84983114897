import Foundation
import JSONCore
import Testing

@testable import ASLLoading

/// Damaged inputs never crash the loader or the validator: every outcome is a value or a
/// `LoadError`.
@Suite struct RobustnessTests {
  @Test(.needsSharedData)
  func truncatedAndDamagedCorpusFilesNeverCrash() throws {
    let rows = try SharedData.rows("realworld/INDEX.tsv")
    let root = try #require(SharedData.path("realworld"))
    let scratch = try TemporaryFolder()
    var outcomes = 0
    for (n, row) in rows.enumerated() where n % 5 == 0 {
      let path = row["path"]!
      guard let data = FileManager.default.contents(atPath: root + "/" + path) else { continue }
      let bytes = [UInt8](data)
      let ext = (path as NSString).pathExtension
      for cut in [bytes.count / 7, bytes.count / 3, bytes.count / 2, bytes.count - 2] where cut > 0 {
        var damaged = Array(bytes[..<cut])
        let file = try scratch.write("cut-\(n)-\(cut).\(ext)", bytes: damaged)
        exercise(file)
        // Flip a byte in the middle too (quotes, braces and colons become something else).
        damaged = bytes
        damaged[cut] = damaged[cut] == UInt8(ascii: "\"") ? UInt8(ascii: "}") : UInt8(ascii: "\"")
        exercise(try scratch.write("flip-\(n)-\(cut).\(ext)", bytes: damaged))
        outcomes += 2
      }
    }
    #expect(outcomes > 100)
  }

  private func exercise(_ file: String) {
    do {
      for machine in try ASLLoader.loadMachines(file: file) { _ = Validator.validate(machine) }
    } catch {
      #expect(!error.message.isEmpty)
    }
  }

  @Test func oddShapesValidateWithoutCrashing() throws {
    let shapes: [JSONValue] = [
      [:], ["States": [], "StartAt": 1], ["StartAt": "A", "States": ["A": 1]],
      ["StartAt": "A", "States": ["A": ["Type": "Map", "ItemProcessor": "x", "End": true]]],
      ["StartAt": "A", "States": ["A": ["Type": "Parallel", "Branches": [[], [:]], "End": true]]],
      ["StartAt": "A", "States": ["A": ["Type": "Choice", "Choices": [["Not": [1]], ["And": "x"]]]]],
      ["StartAt": "A", "States": ["A": ["Type": "Task", "Resource": 3, "Retry": [1], "Catch": [[:]], "End": "yes"]]],
    ]
    for shape in shapes {
      let found = Validator.validate(definition: shape)
      #expect(!found.isEmpty, "\(shape.compactString)")
    }
  }
}

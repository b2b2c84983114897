import JSONCore
import Testing
@testable import DebuggerCore

/// Command lines that are wrong say so: break conditions that could never hold, and huge
/// arguments that messages must not repeat whole.
@Suite struct CommandInputLimitsTests {
  private func message(_ line: String) -> String? {
    do {
      _ = try CommandParser.parse(line)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func conditionWithAnUnknownOperatorIsRefusedNamingIt() {
    #expect(message("break X if $.a ~= 3") == "column 16: '~=' is not an operator: use one of == != <= >= < >")
    let tilde = message("break X if $.a ~ 3")
    #expect(tilde?.contains("is not a JSONPath") == true, "\(String(describing: tilde))")
  }

  @Test func unterminatedFilterInAConditionIsRefused() {
    let m = message("break X if $.items[?(@.n > 1")
    #expect(m?.contains("'$.items[?(@.n > 1' is not a JSONPath") == true, "\(String(describing: m))")
    #expect(message("break X if $.items[0].n > 1") == nil)
    #expect(message("break X if $.done") == nil)
  }

  @Test func aHugeArgumentIsCutInTheMessage() throws {
    let huge = String(repeating: "x", count: 5_000_000)
    let m = try #require(message("continue " + huge))
    #expect(m.count < 400, "\(m.count) characters")
    #expect(m.contains("… (4999800 more)"))
    let unknown = try #require(message(huge))
    #expect(unknown.count < 1_000)
  }
}

@Suite struct StateNameLengthTests {
  @Test func aStateNameOverEightyCharactersIsRefusedShortly() throws {
    let long = String(repeating: "s", count: 5_000_000)
    do {
      _ = try CommandParser.parse("break " + long)
      Issue.record("accepted")
    } catch {
      #expect(error.description.hasSuffix("is not a state name: state names have 1 to 80 characters"))
      #expect(error.description.count < 400)
    }
    #expect(try CommandParser.parse("break " + String(repeating: "s", count: 80)) != nil)
  }
}

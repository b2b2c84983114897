import Foundation
import JSONCore
import Testing

@testable import ASLLoading

/// CloudFormation calls of the wrong shape are located errors, as CloudFormation refuses them;
/// names that only deploying would reject are warnings. None passes its raw arguments on as data.
@Suite struct CloudFormationCallTests {
  private func template(_ call: String) -> String {
    """
    Resources:
      F:
        Type: AWS::Lambda::Function
      M:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          Definition:
            StartAt: A
            States:
              A:
                Type: Pass
                Result:
                  r: \(call)
                End: true
    """
  }

  private func load(_ call: String) throws -> Result<[Diagnostic], LoadError> {
    let scratch = try TemporaryFolder()
    let file = try scratch.write("t.yaml", template(call))
    do {
      return .success(try Validator.validate(file: file))
    } catch {
      return .failure(error)
    }
  }

  @Test(arguments: [
    ("!Ref [a, b]", "!Ref takes the name of a parameter or resource, found a list of 2"),
    ("!If [cond]", "!If takes [CONDITION_NAME, VALUE_IF_TRUE, VALUE_IF_FALSE], found a list of 1"),
    ("!Select [99, [a, b]]", "!Select index 99 is outside the list (2 items)"),
    ("!GetAtt F", "!GetAtt takes RESOURCE.ATTRIBUTE (or [RESOURCE, ATTRIBUTE]), found a string"),
    ("!Frobnicate x", "unknown CloudFormation function !Frobnicate"),
  ])
  func wrongShapesAreLocatedErrors(call: String, message: String) throws {
    guard case .failure(let error) = try load(call) else {
      Issue.record("\(call) loaded")
      return
    }
    #expect(error.message.hasPrefix(message), "\(error)")
    #expect(error.position == SourcePosition(line: 13, column: 18), "\(error)")
  }

  @Test(arguments: [
    ("!Ref Nope", "!Ref Nope names no parameter or resource of the template"),
    ("!GetAtt F.Arn.Extra", "!GetAtt F.Arn.Extra: attribute Arn has no parts"),
  ])
  func namesOnlyDeployingRejectsAreWarnings(call: String, message: String) throws {
    guard case .success(let diagnostics) = try load(call) else {
      Issue.record("\(call) did not load")
      return
    }
    let warning = try #require(diagnostics.first { $0.rule == "cloudformation-reference" })
    #expect(warning.severity == .warning)
    #expect(warning.message.hasPrefix(message), "\(warning)")
    #expect(warning.position?.line == 13)
    #expect(Validator.isValid(diagnostics))
  }

  @Test func wellFormedCallsLoadWithoutFindings() throws {
    for call in ["!GetAtt F.Arn", "!Select [1, [a, b]]", "!Sub \"${F.Arn}-x\"", "!Ref F", "!Ref AWS::Region"] {
      guard case .success(let diagnostics) = try load(call) else {
        Issue.record("\(call) did not load")
        continue
      }
      #expect(diagnostics.isEmpty, "\(call): \(diagnostics)")
    }
  }
}

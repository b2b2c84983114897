import Testing
@testable import ASLInterpreter

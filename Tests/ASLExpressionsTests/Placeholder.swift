import Testing
@testable import ASLExpressions

import Testing
@testable import ASLModel

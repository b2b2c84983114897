import Testing
@testable import ASLLoading

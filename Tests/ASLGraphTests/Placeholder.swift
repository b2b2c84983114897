import Testing
@testable import ASLGraph

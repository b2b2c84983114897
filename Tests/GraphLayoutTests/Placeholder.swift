import Testing
@testable import GraphLayout
@testable import ASLGraph

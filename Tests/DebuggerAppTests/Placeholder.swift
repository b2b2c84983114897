import Testing
@testable import DebuggerApp

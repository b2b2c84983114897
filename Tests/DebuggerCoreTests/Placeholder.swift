import Testing
@testable import DebuggerCore

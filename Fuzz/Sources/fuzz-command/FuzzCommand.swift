import FuzzDriver
import DebuggerCore

/// The command-language parser, one line at a time.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    _ = try? CommandParser.parse(String(line))
  }
  return 0
}

// SwiftPM links an executable target's entry point as `<module>_main`; libFuzzer's driver runs there.
@_cdecl("fuzz_command_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}

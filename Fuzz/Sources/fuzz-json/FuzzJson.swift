import FuzzDriver
import JSONCore

/// JSONParser on arbitrary bytes: values and documents (with positions), both option sets.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  _ = try? JSONParser.parse(bytes: bytes)
  _ = try? JSONParser.parse(bytes: bytes, options: .init(rejectDuplicateKeys: false, maxDepth: 64))
  if let doc = try? JSONParser.parseDocument(bytes: bytes) {
    _ = doc.position(of: .root)
  }
  return 0
}

// SwiftPM links an executable target's entry point as `<module>_main`; libFuzzer's driver runs there.
@_cdecl("fuzz_json_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}

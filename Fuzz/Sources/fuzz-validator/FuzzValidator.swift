import FuzzDriver
import ASLLoading
import JSONCore

/// Validator on arbitrary definitions: loaded as JSON (so diagnostics get positions), validated
/// as STANDARD, and the parsed value validated again as EXPRESS.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let machine = try? ASLLoader.loadDefinition(text: text) else { return 0 }
  let diagnostics = Validator.validate(machine)
  for d in diagnostics { _ = d.description }
  _ = Validator.validate(definition: machine.definition, type: "EXPRESS")
  return 0
}

// SwiftPM links an executable target's entry point as `<module>_main`; libFuzzer's driver runs there.
@_cdecl("fuzz_validator_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}

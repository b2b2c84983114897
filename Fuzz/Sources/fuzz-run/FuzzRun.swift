import FuzzDriver
import ASLInterpreter
import ASLModel
import JSONCore

/// Decodes a definition and runs it with a step budget (tasks are left pending: no resolver;
/// timers are advanced instantly). Inputs beyond `maxBytes` are skipped (size budget).
let maxSteps = 2_000
let maxBytes = 64 * 1024
let input = try! JSONParser.parse(#"{"a":1,"items":[1,2,3],"s":"x","o":{"k":[true,null]}}"#)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size <= maxBytes else { return 0 }
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let definition = try? JSONParser.parse(bytes: bytes),
    let machine = try? StateMachine(definition: definition)
  else { return 0 }
  var execution = Execution(
    machine: machine, input: input, options: ExecutionOptions(historyLimit: 5_000))
  execution.run(maxSteps: maxSteps)
  return 0
}

// SwiftPM links an executable target's entry point as `<module>_main`; libFuzzer's driver runs there.
@_cdecl("fuzz_run_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}

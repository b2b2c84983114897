import FuzzDriver
import ASLExpressions
import JSONCore

/// JSONata parsing, then evaluation with `$states` and a few variables bound.
let input = try! JSONParser.parse(
  #"{"a":{"b":[1,2,{"c":"x"}],"d":null},"items":[{"id":1,"tags":["p","q"]},{"id":2,"price":9.5}],"s":"text","n":-3.25e2}"#)
let states = JSONValue.object(["input": input, "context": .object(["Execution": .object(["Id": .string("x")])])])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let expression = try? JSONataExpression(text) else { return 0 }
  var random = SeededRandom(seed: 7)
  _ = try? expression.evaluate(
    states: states, variables: ["x": input, "n": .string("three")], field: "Output", random: &random)
  return 0
}

// SwiftPM links an executable target's entry point as `<module>_main`; libFuzzer's driver runs there.
@_cdecl("fuzz_jsonata_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}

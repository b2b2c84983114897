import FuzzDriver
import ASLExpressions
import JSONCore

/// JSONPath / reference path / intrinsic function / payload template parsing, and evaluation
/// against a fixed document.
let document = try! JSONParser.parse(
  #"{"a":{"b":[1,2,{"c":"x"}],"d":null},"items":[{"id":1,"tags":["p","q"]},{"id":2,"price":9.5}],"s":"text","n":-3.25e2}"#)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let path = try? JSONPath(text) {
    _ = path.normalizedText
    _ = try? path.evaluate(in: document)
  }
  if let path = try? ReferencePath.parse(text) {
    _ = try? ReferencePath.set(.string("v"), at: path, in: document)
  }
  if let call = try? IntrinsicCall(text) {
    // Evaluated inside a payload template, the way states use intrinsics.
    let template = JSONValue.object(["r.$": .string(call.text)])
    if let compiled = try? CompiledPayloadTemplate(template) {
      var random = SeededRandom(seed: 1)
      let scope = EvaluationScope(input: document, context: document, variables: ["v": document])
      _ = try? compiled.evaluate(scope: scope, random: &random)
    }
  }
  return 0
}

// SwiftPM links an executable target's entry point as `<module>_main`; libFuzzer's driver runs there.
@_cdecl("fuzz_jsonpath_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}

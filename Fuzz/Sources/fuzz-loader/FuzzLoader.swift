import FuzzDriver
import ASLLoading
import Foundation
import JSONCore

/// ASLLoader on arbitrary text: definitions as JSON and YAML (loadDefinition), and whole files
/// (definitions or SAM/CloudFormation templates) through loadMachines via a temp file.
/// The first byte picks the route.
let scratch = NSTemporaryDirectory() + "sfdbg-fuzz-loader-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let mode = data[0] % 4
  let body = UnsafeBufferPointer(start: data + 1, count: size - 1)
  let text = String(decoding: body, as: UTF8.self)
  switch mode {
  case 0: _ = try? ASLLoader.loadDefinition(text: text)
  case 1: _ = try? ASLLoader.loadDefinition(text: text, yaml: true)
  default:
    let path = scratch + (mode == 2 ? ".json" : ".yaml")
    FileManager.default.createFile(atPath: path, contents: Data(body))
    _ = try? ASLLoader.loadMachines(file: path, substitutions: ["Env": "dev"])
  }
  return 0
}

// SwiftPM links an executable target's entry point as `<module>_main`; libFuzzer's driver runs there.
@_cdecl("fuzz_loader_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  runLibFuzzer(argc, argv, fuzz)
}

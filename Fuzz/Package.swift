// swift-tools-version: 6.0
import Foundation
import PackageDescription

// libFuzzer targets for sfdbg, kept out of the main package so its build and tests are unchanged.
// Build and run with ../scripts/fuzz (swift build -c release -Xswiftc -sanitize=fuzzer,address
// -Xswiftc -parse-as-library --scratch-path .build-fuzz).
// SwiftPM names a path dependency after its directory (the checkout's name, which varies).
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent.lowercased()

let package = Package(
  name: "sfdbg-fuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(path: "..")],
  targets: [
    // libFuzzer's driver (LLVMFuzzerRunDriver) for the targets' entry points.
    .target(name: "FuzzDriver"),
    .executableTarget(
      name: "fuzz-json", dependencies: ["FuzzDriver", .product(name: "JSONCore", package: parent)]),
    .executableTarget(
      name: "fuzz-loader",
      dependencies: ["FuzzDriver", .product(name: "JSONCore", package: parent), .product(name: "ASLLoading", package: parent)]),
    .executableTarget(
      name: "fuzz-validator",
      dependencies: ["FuzzDriver", .product(name: "JSONCore", package: parent), .product(name: "ASLLoading", package: parent)]),
    .executableTarget(
      name: "fuzz-jsonpath",
      dependencies: ["FuzzDriver", .product(name: "JSONCore", package: parent), .product(name: "ASLExpressions", package: parent)]),
    .executableTarget(
      name: "fuzz-jsonata",
      dependencies: ["FuzzDriver", .product(name: "JSONCore", package: parent), .product(name: "ASLExpressions", package: parent)]),
    .executableTarget(
      name: "fuzz-command", dependencies: ["FuzzDriver", .product(name: "DebuggerCore", package: parent)]),
    .executableTarget(
      name: "fuzz-run",
      dependencies: [
        "FuzzDriver", .product(name: "JSONCore", package: parent), .product(name: "ASLModel", package: parent),
        .product(name: "ASLInterpreter", package: parent),
      ]),
  ],
  swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.0
import PackageDescription

// Modules by responsibility; dependencies point one way (A ← B: B imports A):
//   engine    JSONCore ← ASLExpressions ← ASLModel ← ASLInterpreter ← ASLRuntime
//   loading   ASLExpressions ← ASLLoading (definitions, templates, validator; + Yams)
//   session   ASLRuntime, ASLLoading ← DebuggerCore ← ProjectLoading (files → a session)
//   edges     DebuggerCore ← HandlerProcesses (handler jobs as processes) ← StepFunctionsServer (HTTP);
//             TerminalUI ← CursesBackend (+ CNcursesw)
//   drawing   TextWidth ← GraphLayout ← ASLGraph (+ ASLModel); TextWidth, JSONCore ← TerminalUI
//   app       DebuggerCore, TerminalUI, ASLGraph ← DebuggerApp
//   programs  DebuggerApp, ProjectLoading, CursesBackend, HandlerProcesses ← sfdbg;
//             DebuggerApp ← sfdbg-bench
let package = Package(
  name: "sfdbg",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "sfdbg", targets: ["sfdbg"]),
    .executable(name: "sfdbg-bench", targets: ["sfdbg-bench"]),
    // Library products only so the separate fuzzing package (Fuzz/) can depend on these modules.
    .library(name: "JSONCore", targets: ["JSONCore"]),
    .library(name: "ASLExpressions", targets: ["ASLExpressions"]),
    .library(name: "ASLModel", targets: ["ASLModel"]),
    .library(name: "ASLLoading", targets: ["ASLLoading"]),
    .library(name: "ASLInterpreter", targets: ["ASLInterpreter"]),
    .library(name: "DebuggerCore", targets: ["DebuggerCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
  ],
  targets: [
    // JSON value with ordered keys and exact numbers, parser with positions, printers.
    // (Objects keep their members in one copy-on-write buffer of our own: see JSONObjectStorage.)
    .target(name: "JSONCore"),
    // JSONPath, reference paths, payload templates, intrinsic functions.
    .target(name: "ASLExpressions", dependencies: ["JSONCore"]),
    // Typed ASL model (every state type and field) decoded from JSON.
    .target(name: "ASLModel", dependencies: ["JSONCore", "ASLExpressions"]),
    // Loading definitions (JSON, YAML, SAM/CloudFormation) and the validator.
    .target(name: "ASLLoading", dependencies: ["JSONCore", "ASLExpressions", "Yams"]),
    // The pure deterministic stepper: executions, history, virtual clock, tokens, integrations.
    .target(name: "ASLInterpreter", dependencies: ["JSONCore", "ASLExpressions", "ASLModel"]),
    // Terminal column widths of characters (wcwidth's rules), for the grid and the graph layout.
    .target(name: "TextWidth"),
    // Generic layered graph layout into a glyph canvas (no ASL knowledge).
    .target(name: "GraphLayout", dependencies: ["TextWidth"]),
    // Adapter: ASL definition → GraphLayout input.
    .target(name: "ASLGraph", dependencies: ["JSONCore", "ASLModel", "GraphLayout"]),
    // Cells, styles, screen buffer, widgets, keys, backend protocol (no curses).
    .target(name: "TerminalUI", dependencies: ["JSONCore", "TextWidth"]),
    // The Step Functions service in one value: many executions, nesting (states:startExecution
    // .sync/.sync:2/.waitForTaskToken), task tokens, a shared virtual clock.
    .target(name: "ASLRuntime", dependencies: ["JSONCore", "ASLExpressions", "ASLModel", "ASLInterpreter"]),
    // Debug sessions: command language, scripts, breakpoints, time travel, mocks, handlers.
    .target(name: "DebuggerCore", dependencies: ["JSONCore", "ASLModel", "ASLLoading", "ASLInterpreter", "ASLRuntime", "ASLExpressions"]),
    // load → validate → decode → configure: a session from the command line's files (typed errors).
    .target(name: "ProjectLoading", dependencies: ["JSONCore", "ASLModel", "ASLLoading", "ASLRuntime", "DebuggerCore"]),
    // Post-mortem: recorded GetExecutionHistory files → executions, mocks, forks, reproduction.
    .target(name: "HistoryReplay", dependencies: ["JSONCore", "ASLModel", "ASLInterpreter", "ASLRuntime", "DebuggerCore"]),
    // The TUI app: state, update, render of panes into a screen buffer.
    .target(name: "DebuggerApp", dependencies: ["DebuggerCore", "TerminalUI", "ASLGraph", "GraphLayout", "HistoryReplay"]),
    // ncursesw via pkg-config, with a C shim for macros and globals.
    // glibc malloc settings for the executables (keep freed memory for reuse).
    .target(name: "CMallocTuning"),
    .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
    .target(name: "CursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),
    // The edge that runs handler jobs (DebuggerCore's runHandler effects) as child processes:
    // posix_spawn, process groups, signals, wall-clock deadlines. Nothing else spawns processes.
    .target(name: "HandlerProcesses", dependencies: ["DebuggerCore", "JSONCore", "ASLLoading"]),
    // The HTTP edge: Step Functions' awsJson1_0 protocol on swift-nio; a serve loop that owns
    // the session, feeds it requests in arrival order and routes replies to their connections.
    .target(
      name: "StepFunctionsServer",
      dependencies: [
        "DebuggerCore", "JSONCore", "ProjectLoading",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),
    .executableTarget(
      name: "sfdbg",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "JSONCore", "ASLModel", "ASLLoading", "ASLInterpreter", "ASLRuntime", "ASLGraph", "GraphLayout",
        "DebuggerCore", "DebuggerApp", "TerminalUI", "CursesBackend", "HandlerProcesses", "CMallocTuning",
        "ProjectLoading", "HistoryReplay", "StepFunctionsServer", "ASLExpressions",
      ]),
    .executableTarget(
      name: "sfdbg-bench",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "JSONCore", "ASLModel", "ASLLoading", "ASLInterpreter", "ASLRuntime", "ASLGraph", "GraphLayout",
        "DebuggerCore", "DebuggerApp", "TerminalUI", "CMallocTuning", "ASLExpressions",
      ],
      path: "Benchmarks/sfdbg-bench"),
    // Helpers every test target shares: the package and ../shared paths (with a skip trait),
    // machine builders, test JSON, widget rendering.
    .target(
      name: "SFDBGTestSupport",
      dependencies: ["JSONCore", "ASLModel", "ASLLoading", "ASLRuntime", "DebuggerCore", "TerminalUI"],
      path: "Tests/TestSupport"),
    .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
    .testTarget(name: "ASLExpressionsTests", dependencies: ["ASLExpressions", "SFDBGTestSupport"]),
    .testTarget(name: "ASLModelTests", dependencies: ["ASLModel", "SFDBGTestSupport"]),
    .testTarget(name: "ASLLoadingTests", dependencies: ["ASLLoading", "SFDBGTestSupport"]),
    .testTarget(name: "ASLInterpreterTests", dependencies: ["ASLInterpreter", "ASLModel", "SFDBGTestSupport"]),
    .testTarget(name: "GraphLayoutTests", dependencies: ["GraphLayout", "ASLGraph", "ASLLoading", "JSONCore", "TextWidth", "SFDBGTestSupport"]),
    .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "JSONCore", "SFDBGTestSupport"]),
    .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "CNcursesw", "TerminalUI"]),
    .testTarget(name: "ASLRuntimeTests", dependencies: ["ASLRuntime", "ASLModel", "ASLInterpreter", "SFDBGTestSupport"]),
    .testTarget(name: "DebuggerCoreTests", dependencies: ["DebuggerCore", "SFDBGTestSupport"]),
    .testTarget(name: "HistoryReplayTests", dependencies: ["HistoryReplay", "DebuggerCore", "JSONCore", "ASLRuntime", "ASLInterpreter", "SFDBGTestSupport"]),
    .testTarget(name: "ProjectLoadingTests", dependencies: ["ProjectLoading", "DebuggerCore", "JSONCore"]),
    // Real handler processes: results, timeouts, cancel, process groups (short sleeps only).
    .testTarget(name: "StepFunctionsServerTests", dependencies: ["StepFunctionsServer", "DebuggerCore", "JSONCore", "SFDBGTestSupport"]),
    .testTarget(name: "HandlerProcessesTests", dependencies: ["HandlerProcesses", "DebuggerCore", "JSONCore", "ASLLoading", "SFDBGTestSupport"]),
    .testTarget(name: "DebuggerAppTests", dependencies: ["DebuggerApp", "HistoryReplay", "DebuggerCore", "TerminalUI", "GraphLayout", "ASLGraph", "JSONCore", "ASLLoading", "ASLModel", "ASLRuntime", "SFDBGTestSupport"], exclude: ["__Snapshots__"]),
    .testTarget(name: "EndToEndTests", dependencies: []),
    // Drives the built `sfdbg` binary: exit codes, messages, --json shapes, bad input.
    .testTarget(name: "CLITests", dependencies: ["JSONCore", "SFDBGTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)

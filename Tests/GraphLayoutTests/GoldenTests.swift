import ASLGraph
import ASLLoading
import GraphLayout
import SFDBGTestSupport
import Testing

/// Golden drawings, expected text inline (regenerate by printing `sfdbg graph FILE`).
@Suite(.needsSharedData) struct GoldenTests {
  static let realworld = (SharedData.path("realworld") ?? "") + "/"
  static let seed = (SharedData.path("seed-sample") ?? "") + "/"

  func graph(_ path: String) throws -> Graph {
    try ASLGraph.graph(definition: ASLLoader.load(file: path).main.definition)
  }

  func render(_ path: String) throws -> String {
    try DiagramRenderer.render(graph(path)).text
  }

  func ascii(_ path: String) throws -> String {
    try DiagramRenderer.render(graph(path), options: LayoutOptions(glyphs: .ascii)).text
  }

  /// What `sfdbg graph --width N` prints.
  func fitted(_ path: String, width: Int) throws -> String {
    let options = LayoutOptions(maxLabelWidth: max(8, width - 10))
    let diagram = try DiagramFitter.fit(
      graph(path), width: width, options: options, shrinkingEdgeLabels: true)
    return diagram.lines().map {
      $0.count <= width ? $0 : String($0.prefix(width - 1)) + "…"
    }.joined(separator: "\n")
  }

  func fitted30(_ path: String) throws -> String { try fitted(path, width: 30) }
  func fitted24(_ path: String) throws -> String { try fitted(path, width: 24) }

  /// Seed sample, parent: a Task, then a Parallel of two StartExecution tasks.
  @Test func seedMainMachine() throws {
    let expected = #"""
                         ╭─────────────────────────────────╮
                         │ Start new workflow and continue │ Task
                         ╰────────────────┬────────────────╯
                                          ▼
      ╭ Start in parallel ───────────────────────────────────────── Parallel ╮
      │ ╭────────────────────────╮          ╭───────────────────────╮        │
      │ │ Start new workflow and │ Task     │ Start new workflow    │ Task   │
      │ │ wait for completion    │          │ and wait for callback │        │
      │ ╘════════════════════════╛          ╘═══════════════════════╛        │
      ╘══════════════════════════════════════════════════════════════════════╛
      """#
    #expect(try render(Self.seed + "statemachines/main-state-machine.asl.json") == expected)
  }

  /// Seed sample, child: Choice on $.NeedCallback, Default skips the callback.
  @Test func seedNestedMachine() throws {
    let expected = #"""
              ╭────────────────────────╮
              │ First long-running job │ Wait
              ╰────────────┬───────────╯
                           ▼
                  ╭────────────────╮
                  │ Need callback? │ Choice
                  ╰────────┬───────╯
            ┌──────────────┴─────────────┐
            │ 1: $.NeedCallback == true  │ Default
            ▼                            │
      ╭──────────╮                       │
      │ Callback │ Task                  │
      ╰─────┬────╯                       │
            └──────────────┬─────────────┘
                           ▼
              ╭─────────────────────────╮
              │ Second long-running job │ Wait
              ╰────────────┬────────────╯
                           ▼
                 ╭───────────────────╮
                 │ Report completion │ Pass
                 ╘═══════════════════╛
      """#
    #expect(try render(Self.seed + "statemachines/nested-state-machine.asl.json") == expected)
  }

  /// The seed SAM template through the loader: its main machine.
  @Test func seedTemplateMainMachine() throws {
    let expected = #"""
                         ╭─────────────────────────────────╮
                         │ Start new workflow and continue │ Task
                         ╰────────────────┬────────────────╯
                                          ▼
      ╭ Start in parallel ───────────────────────────────────────── Parallel ╮
      │ ╭────────────────────────╮          ╭───────────────────────╮        │
      │ │ Start new workflow and │ Task     │ Start new workflow    │ Task   │
      │ │ wait for completion    │          │ and wait for callback │        │
      │ ╘════════════════════════╛          ╘═══════════════════════╛        │
      ╘══════════════════════════════════════════════════════════════════════╛
      """#
    #expect(try render(Self.seed + "template.yaml") == expected)
  }

  /// --ascii: only + - | v = . : and text.
  @Test func seedMainMachineASCII() throws {
    let expected = #"""
                         +---------------------------------+
                         | Start new workflow and continue | Task
                         +----------------+----------------+
                                          v
      + Start in parallel ----------------------------------------- Parallel +
      | +------------------------+          +-----------------------+        |
      | | Start new workflow and | Task     | Start new workflow    | Task   |
      | | wait for completion    |          | and wait for callback |        |
      | +========================+          +=======================+        |
      +======================================================================+
      """#
    #expect(try ascii(Self.seed + "statemachines/main-state-machine.asl.json") == expected)
  }

  /// --width 30: node and edge labels shrink until the drawing fits.
  @Test func seedNestedMachineIn30Columns() throws {
    let expected = #"""
            ╭──────────────╮
            │ First        │ Wait
            │ long-running │
            │ job          │
            ╰───────┬──────╯
                    ▼
              ╭───────────╮
              │ Need      │ Choice
              │ callback? │
              ╰─────┬─────╯
              ┌─────┴─────┐
              │ 1: $.Ne…  │ Default
            ┌─┘           └┐
            ▼              │
      ╭──────────╮         │
      │ Callback │ Task    │
      ╰─────┬────╯         │
            └───────┬──────┘
                    ▼
            ╭──────────────╮
            │ Second       │ Wait
            │ long-running │
            │ job          │
            ╰───────┬──────╯
                    ▼
             ╭────────────╮
             │ Report     │ Pass
             │ completion │
             ╘════════════╛
      """#
    #expect(try fitted30(Self.seed + "statemachines/nested-state-machine.asl.json") == expected)
  }

  /// --width 24: no layout fits, so every state is listed (rows cut at the width).
  @Test func seedNestedMachineNarrowPaneFallsBackToAList() throws {
    let expected = #"""
      ● First lo…job  Wait   …
      ● Need cal…ck?  Choice
          1: $.NeedCallback =…
          Default → Second l……
      ● Callback  Task    → S…
      ● Second l…job  Wait   …
      ● Report c…ion  Pass   …
      """#
    #expect(try fitted24(Self.seed + "statemachines/nested-state-machine.asl.json") == expected)
  }

  /// Choice fan-out: three rules and a Default, merging again.
  @Test func choiceFanOutOfFour() throws {
    let expected = #"""
                                                                    ╭───────────────╮
                                                                    │ ValidateEvent │ Task ↻6
                                                                    ╰───────┬───────╯
                                                                            ▼
                                                                    ╭──────────────╮
                                                                    │ Event Router │ Choice
                                                                    ╰───────┬──────╯
                            ┌───────────────────────────────┬───────────────┴───────────────┬───────────────────────────────┐
                            │ 1: $.ProductEvent.eventType…  │ 2: $.ProductEvent.eventType…  │ 3: $.ProductEvent.eventType…  │ Default
                    ┌───────┘                              ┌┘                               └─────┐                         └──┐
                    ▼                                      ▼                                      ▼                            ▼
      ╭──────────────────────────╮            ╭─────────────────────────╮            ╭────────────────────────╮            ╭──────╮
      │ Process Product Received │ Task ↻6    │ Process Product Shipped │ Task ↻6    │ Process Product Adjust │ Task ↻6    │ Fail │ Fail
      ╰─────────────┬────────────╯            ╰────────────┬────────────╯            ╰────────────┬───────────╯            ╘══════╛
                    └──────────────────────────────────────┴────────────────┬─────────────────────┘
                                                                            ▼
                                                          ╭──────────────────────────────────╮
                                                          │ Store Event and Product Entity   │ Task
                                                          │ state changes in the Event Store │
                                                          ╘══════════════════════════════════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/event-sourcing/statemachine/event-sourcing.asl.json") == expected)
  }

  /// Five-way Choice and two loops back to it in the gutter.
  @Test func choiceFanOutOfFiveWithLoops() throws {
    let expected = #"""
                                                                                            ╭───────────────────╮
                                                                                            │ Choose Start Type │ Choice
                                                                                            ╰─────────┬─────────╯
                                                                                      ┌───────────────┴───────────────┐
                                                                                      │ 1: $.trigger is present and…  │ Default
                                                                                      ▼                               │
                                                                            ╭───────────────────╮                     │
                                                                            │ Get History State │ Pass                │
                                                                            ╰─────────┬─────────╯                     │
                                                                                      └───────────────┬───────────────┘
                                                                                                      ▼
                                                                                              ╭──────────────╮
                                                                                              │ Open Request │ Task ↻6
                                                                                              ╰───────┬──────╯
                                                                                                      │ ┌─────────────────────────────────────────────────────────────────────────────────────────┬─┐
                                                                                                      ▼ ▼                                                                                         │ │
                                                                                            ╭──────────────────╮                                                                                  │ │
                                                                                            │ Choose Next Task │ Choice                                                                           │ │
                                                                                            ╰─────────┬────────╯                                                                                  │ │
                                       ┌───────────────────────────────┬──────────────────────────────┴┬───────────────────────────────┬────────────────────────────┐                             │ │
                                       │ 1: $.trigger matches "invRe…  │ 2: $.trigger matches "needs…  │ 3: $.trigger matches "reque…  │ 4: $.trigger == "initial"  │ Default                     │ │
                     ┌─────────────────┘                        ┌──────┘                               └┐                              └───────┐                    └─────────────┐               │ │
                     ▼                                          ▼                                       ▼                                      ▼                                  ▼               │ │
      ╭─────────────────────────────╮            ╭─────────────────────────────╮            ╭──────────────────────╮            ╭─────────────────────────────╮            ╭────────────╮         │ │
      │ Route To Analyst (Callback) │ Task ↻6    │ Route To Manager (Callback) │ Task ↻6    │ Exit Request Opening │ Task ↻6    │ Make STP Request (Callback) │ Task ↻6    │ Bad Choice │ Pass    │ │
      ╰──────────────┬──────────────╯            ╰──────────────┬──────────────╯            ╘══════════════════════╛            ╰──────────────┬──────────────╯            ╰──────┬─────╯         │ │
                     └──────────────────────────────────────────┴─────────────────────────────────────┬────────────────────────────────────────┘                                  └───────────────┘ │
                                                                                                      ▼                                                                                             │
                                                                                            ╭───────────────────╮                                                                                   │
                                                                                            │ Set History State │ Pass                                                                              │
                                                                                            ╰─────────┬─────────╯                                                                                   │
                                                                                                      └─────────────────────────────────────────────────────────────────────────────────────────────┘
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/uml-statemachine/statemachine/BlogOpenRequestSM.asl.json") == expected)
  }

  /// Saga: every step catches into a compensation chain (dashed).
  @Test func catchChainOfASaga() throws {
    let expected = #"""
                                                                                                     ╭───────────────╮
                                                                                                     │ ReserveFlight │ Task ↻6
                                                                                                     ╰───────┬───────╯
                                                                                           ┌─────────────────┴┄┄┄┐
                                                                                           ▼                     ┆
                                                                                 ╭──────────────────╮            ┆
                                                                                 │ ReserveCarRental │ Task ↻6    ┆ catch States.ALL
                                                                                 ╰─────────┬────────╯            ┆
                                                                         ┌─────────────────┴┄┄┐                  └┐
                                                                         ▼                    ┆                   ┆
                                                                ╭────────────────╮            ┆                   ┆
                                                                │ ProcessPayment │ Task ↻6    ┆ catch States.ALL  ┆
                                                                ╰────────┬───────╯            ┆                   ┆
                                                       ┌─────────────────┴┄┄┐                 └┄┐                 ┆
                                                       ▼                    ┆                   ┆                 ┆
                                               ╭───────────────╮            ┆                   ┆                 ┆
                                               │ ConfirmFlight │ Task ↻6    ┆ catch States.ALL  ┆                 ┆
                                               ╰───────┬───────╯            ┆                   ┆                 ┆
                                    ┌──────────────────┴┄┄┐                 └┄┐                 ┆                 ┆
                                    ▼                     ┆                   ┆                 ┆                 ┆
                          ╭──────────────────╮            ┆                   ┆                 ┆                 ┆
                          │ ConfirmCarRental │ Task ↻6    ┆ catch States.ALL  ┆                 ┆                 ┆
                          ╰─────────┬────────╯            ┆                   ┆                 ┆                 ┆
                   ┌────────────────┴┄┄┐                  └┐                  ┆                 ┆                 ┆
                   ▼                   ┆                   ┆                  ┆                 ┆                 ┆
         ╭───────────────────╮         ┆                   ┆                  ┆                 ┆                 ┆
         │ SendingSMSSuccess │ Task    ┆ catch States.ALL  ┆                  ┆                 ┆                 ┆
         ╰─────────┬─────────╯         ┆                   ┆                  ┆                 ┆                 ┆
                   │                   └┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┴┄┄┄┄┄┄┄┄┄┄┄┄┄┬┄┄┄┄┘                 ┆                 ┆
                   ▼                                                     ▼                      ┆                 ┆
      ╭─────────────────────────╮                                ╭───────────────╮              ┆                 ┆
      │ Reservation Successful! │ Succeed                        │ RefundPayment │ Task ↻9      ┆                 ┆
      ╘═════════════════════════╛                                ╰───────┬───────╯              ┆                 ┆
                                                                         └───────────────┬┄┄┄┄┄┄┘                 └┐
                                                                                         ▼                         ┆
                                                                            ╭─────────────────────────╮            ┆
                                                                            │ CancelRentalReservation │ Task ↻9    ┆
                                                                            ╰────────────┬────────────╯            ┆
                                                                                         └───────────────────┬┄┄┄┄┄┘
                                                                                                             ▼
                                                                                                ╭─────────────────────────╮
                                                                                                │ CancelFlightReservation │ Task ↻9
                                                                                                ╰────────────┬────────────╯
                                                                                                             ▼
                                                                                                   ╭───────────────────╮
                                                                                                   │ SendingSMSFailure │ Task
                                                                                                   ╰─────────┬─────────╯
                                                                                                             ▼
                                                                                                  ╭────────────────────╮
                                                                                                  │ Reservation Failed │ Fail
                                                                                                  ╘════════════════════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/saga-pattern-sam/statemachine/statemachine.asl.json") == expected)
  }

  /// Timer loops (back edges, some dashed Catch loops) in the gutter.
  @Test func loopsAndCatchesOfALoadTest() throws {
    let expected = #"""
                      ╭─────────────────╮
                      │ ConfigureRampup │ Pass
                      ╰────────┬────────╯
                               │ ┌──────────────────────────────────────────────────────────────────────┬┄┐
                               ▼ ▼                                                                      │ ┆
                        ╭─────────────╮                                                                 │ ┆
                        │ RampupTimer │ Task                                                            │ ┆
                        ╰──────┬──────╯                                                                 │ ┆
                               ▼                                                                        │ ┆
                    ╭─────────────────────╮                                                             │ ┆
                    │ IsRampupTimeReached │ Choice                                                      │ ┆
                    ╰──────────┬──────────╯                                                             │ ┆
               ┌───────────────┴──────────────┐                                                         │ ┆
               │ 1: $.timer.continue == true  │ Default                                                 │ ┆
               ▼                              ▼                                                         │ ┆
      ╭────────────────╮              ╭───────────────╮                                                 │ ┆
      │ ContinueRampup │ Pass         │ ConfigureHold │ Pass                                            │ ┆
      ╰────────┬───────╯              ╰───────┬───────╯                                                 │ ┆
               │                              │ ┌─────────────────────────────────┬┄┐                   │ ┆
               ▼                              ▼ ▼                                 │ ┆                   │ ┆
       ╭───────────────╮              ╭───────────────╮                           │ ┆                   │ ┆
       │ RunRampupLoad │ Task         │ LoadHoldTimer │ Task                      │ ┆                   │ ┆ catch States.ALL
       ╰───────┬───────╯              ╰───────┬───────╯                           │ ┆                   │ ┆
               └──────────────────────────────┼───────────────────────────────────┼─┼───────────────────┴┄┘
                                              ▼                                   │ ┆
                                  ╭───────────────────────╮                       │ ┆
                                  │ IsLoadHoldTimeReached │ Choice                │ ┆
                                  ╰───────────┬───────────╯                       │ ┆
                               ┌──────────────┴───────────────┐                   │ ┆
                               │ 1: $.timer.continue == true  │ Default           │ ┆
                               ▼                              ▼                   │ ┆
                         ╭──────────╮              ╭────────────────────╮         │ ┆
                         │ HoldLoad │ Task         │ Load Test Complete │ Pass    │ ┆ catch States.ALL
                         ╰─────┬────╯              ╘════════════════════╛         │ ┆
                               └──────────────────────────────────────────────────┴┄┘
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/step-functions-load-testing/statemachine/load-orchestrator-statemachine.asl.json") == expected)
  }

  /// Parallel, Catch, a four-way Choice and two loops with labels in the gutter.
  @Test func idempotentWorkflow() throws {
    let expected = #"""
                                                  ╭────────────────────────╮
                                                  │ Create idempotency     │ Task ↻16
                                                  │ settings (key and ttl) │
                                                  ╰────────────┬───────────╯
                                                               │ ┌────────────────────────────────────────────────────────────────────────────────┐
                                                               ▼ ▼                                                                                │
                                                    ╭────────────────────╮                                                                        │
                                                    │ Create and lock    │ Task ↻10                                                               │
                                                    │ idempotency record │                                                                        │
                                                    ╰──────────┬─────────╯                                                                        │
                                          ┌────────────────────┴┄┄┄┄┐                                                                             │
                                          ▼                         ┆                                                                             │
                   ╭ Your Workflow ──────────────────── Parallel ╮  ┆                                                                             │
                   │             ╭──────╮                        │  ┆ catch DynamoDb.TransactionC…                                                │
                   │             │ Here │ Pass                   │  ┆                                                                             │
                   │             ╰───┬──╯                        │  ┆                                                                             │
                   │                 ▼                           │  ┆                                                                             │
                   │             ╭──────╮                        │  ┆                                                                             │
                   │             │ Goes │ Pass                   │  ┆                                                                             │
                   │             ╰───┬──╯                        │  ┆                                                                             │
                   │                 ▼                           │  ┆                                                                             │
                   │             ╭──────╮                        │  ┆                                                                             │
                   │             │ Your │ Pass                   │  ┆                                                                             │
                   │             ╰───┬──╯                        │  ┆                                                                             │
                   │                 ▼                           │  ┆                                                                             │
                   │           ╭──────────╮                      │  ┆                                                                             │
                   │           │ Workflow │ Pass                 │  ┆                                                                             │
                   │           ╰─────┬────╯                      │  ┆                                                                             │
                   │                 ▼                           │  ┆                                                                             │
                   │ ╭───────────────────────────────╮           │  ┆                                                                             │
                   │ │ (which can fail occasionally) │ Task ↻6   │  ┆                                                                             │
                   │ ╘═══════════════════════════════╛           │  ┆                                                                             │
                   ╰──────────────────────┬──────────────────────╯  ┆                                                                             │
                   ┌──────────────────────┴┄┄┐                      └┄┄┄┄┄┄┄┄┄┐ ┌─────────────────────────────────────────────────────────────────┼───────────────────────────────┐
                   ▼                         ┆                                ▼ ▼                                                                 │                               │
      ╭────────────────────────╮             ┆                    ╭──────────────────────╮                                                        │                               │
      │ Save execution results │ Task ↻10    ┆ catch States.ALL   │ Get idempotency      │ Task ↻10                                               │                               │
      ╰────────────┬───────────╯             ┆                    │ record from DynamoDB │                                                        │                               │
                   │                         ┆                    ╰───────────┬──────────╯                                                        │                               │
                   │                         ┆                                └┐                                                                  │                               │
                   │                         ▼                                 ▼                                                                  │                               │
                   │                 ╭──────────────╮             ╭─────────────────────────╮                                                     │                               │
                   │                 │ Save failure │ Task ↻10    │ Previous or concurrent  │ Choice                                              │ 2: $.idempotencyTable.Item.…  │
                   │                 ╰───────┬──────╯             │ execution SUCCEEDED,    │                                                     │                               │
                   │                         │                    │ IN_PROGRESS, or FAILED? │                                                     │                               │
                   │                         │                    ╰────────────┬────────────╯                                                     │                               │
                   │             ┌───────────┘  ┌──────────────────────────────┴┬───────────────────────────────┬─────────────────────────────────┘                               │
                   │             ▼              │                               │                               │                                                                 │
                   │        ╭─────────╮         │                               │                               │                                                                 │
                   │        │ Failure │ Fail    │ 1: $.idempotencyTable.Item.…  │ 3: $.idempotencyTable.Item.…  │ Default                                                         │
                   │        ╘═════════╛         │                               │                               │                                                                 │
                   │                  ┌─────────┘                               └┐                              └─────────┐                                                       │
                   │                  ▼                                          ▼                                        ▼                                                       │
                   │  ╭───────────────────────────────╮         ╭─────────────────────────────────╮         ╭───────────────────────────╮                                         │
                   │  │ De-serialize previous results │ Pass    │ Still IN_PROGRESS, wait for 10s │ Wait    │ Undefined execution state │ Fail                                    │
                   │  ╰───────────────┬───────────────╯         ╰────────────────┬────────────────╯         │ in idempotency record     │                                         │
                   │                  │                                          │                          ╘═══════════════════════════╛                                         │
                   └──────────────────┴────────────────────────┐                 └────────────────────────────────────────────────────────────────────────────────────────────────┘
                                                               ▼
                                                          ╭─────────╮
                                                          │ Success │ Succeed
                                                          ╘═════════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/idempotent-workflow-sam/statemachine/statemachine.asl.json") == expected)
  }

  /// Loops and Catch edges inside a Parallel frame.
  @Test func semaphoreInsideAParallel() throws {
    let expected = #"""
      ╭ Get Lock ────────────────────────────────────────────────────────────────────────────────────── Parallel ╮
      │                                ┌─────────────────────────────────────────────────┬─┬───────────────────┐ │
      │                                ▼                                                 │ ┆                   │ │
      │                      ╭──────────────╮                                            │ ┆                   │ │
      │                      │ Acquire Lock │ Task ↻6                                    │ ┆                   │ │
      │                      ╘═══════╤══════╛                                            │ ┆                   │ │
      │              ┌┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┴┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┐                                   │ ┆                   │ │
      │              ┆ catch DynamoDB.AmazonDynamo…  ┆ catch DynamoDB.ConditionalC…      │ ┆                   │ │
      │             ┌┘                               └┐                                  │ ┆                   │ │
      │             ▼                                 ▼                                  │ ┆                   │ │
      │ ╭──────────────────────╮         ╭─────────────────────────╮                     │ ┆                   │ │
      │ │ Initialize Lock Item │ Task    │ Get Current Lock Record │ Task                │ ┆ catch States.ALL  │ │
      │ ╰───────────┬──────────╯         ╰────────────┬────────────╯                     │ ┆                   │ │
      │             └─────────────────────────────────┼──────────────────────────────────┴┄┘                   │ │
      │                                               ▼                                                        │ │
      │                              ╭────────────────────────────────╮                                        │ │
      │                              │ Check If Lock Already Acquired │ Choice                                 │ │
      │                              ╰────────────────┬───────────────╯                                        │ │
      │                               ┌───────────────┴───────────────┐                                        │ │
      │                               │ 1: $.lockinfo.currentlockit…  │ Default                                │ │
      │                               ▼                               ▼                                        │ │
      │                   ╭───────────────────────╮         ╭──────────────────╮                               │ │
      │                   │ Continue Because Lock │ Pass    │ Wait to Get Lock │ Wait                          │ │
      │                   │ Was Already Acquired  │         ╰─────────┬────────╯                               │ │
      │                   ╘═══════════════════════╛                   │                                        │ │
      │                                                               └────────────────────────────────────────┘ │
      ╰─────────────────────────────────────────────────────┬────────────────────────────────────────────────────╯
                                                            ▼
                                         ╭ Do Work ────────────────── Parallel ╮
                                         │           ╭──────╮                  │
                                         │           │ Here │ Pass             │
                                         │           ╰───┬──╯                  │
                                         │               ▼                     │
                                         │            ╭─────╮                  │
                                         │            │ You │ Pass             │
                                         │            ╰──┬──╯                  │
                                         │               ▼                     │
                                         │            ╭────╮                   │
                                         │            │ Do │ Pass              │
                                         │            ╰──┬─╯                   │
                                         │               ▼                     │
                                         │           ╭──────╮                  │
                                         │           │ Work │ Pass             │
                                         │           ╰───┬──╯                  │
                                         │               ▼                     │
                                         │ ╭──────────────────────────╮        │
                                         │ │ Run Lambda Function With │ Task   │
                                         │ │ Controlled Concurrency   │        │
                                         │ ╘══════════════════════════╛        │
                                         ╰──────────────────┬──────────────────╯
                                                            ▼
                                                    ╭──────────────╮
                                                    │ Release Lock │ Task ↻5
                                                    ╰───────┬──────╯
                                                           ┌┴┐
                                                           │ ┆ catch DynamoDB.ConditionalC…
                                                           └┬┘
                                                            ▼
                                                    ╭───────────────╮
                                                    │ Success State │ Succeed
                                                    ╘═══════════════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/app-control-concurrency-with-dynamodb-tf/statemachines/dynamodb-semaphore.asl.json") == expected)
  }

  /// A Parallel nested in a Map's ItemProcessor.
  @Test func parallelNestedInMap() throws {
    let expected = #"""
      ╭ IterateS3Objects ─────────────────────────────────────── Map ╮
      │ ╭ Parallel ────────────────────────────────────── Parallel ╮ │
      │ │ ╭─────────────────────╮          ╭──────────────╮        │ │
      │ │ │ GetObjectAttributes │ Task     │ DetectLabels │ Task   │ │
      │ │ ╘═════════════════════╛          ╘══════════════╛        │ │
      │ ╰─────────────────────────────┬────────────────────────────╯ │
      │                               ▼                              │
      │                     ╭──────────────────╮                     │
      │                     │ DynamoDB PutItem │ Task                │
      │                     ╘══════════════════╛                     │
      ╘══════════════════════════════════════════════════════════════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/data-processing/sam/statemachine/statemachine.asl.json") == expected)
  }

  /// Distributed Map in a Map in a Map, with Catch at two levels.
  @Test func distributedMapsNestedThreeDeep() throws {
    let expected = #"""
      ╭ S3 Distributed Map State Machine ─── Map distributed ╮
      │  ╭ ProcessObjects ─── Map distributed ╮              │
      │  │ ╭ ProcessItems ───────────── Map ╮ │              │
      │  │ │ ╭─────────────────────╮        │ │              │
      │  │ │ │ GetObjectFromBucket │ Task   │ │              │
      │  │ │ ╰──────────┬──────────╯        │ │              │
      │  │ │            ▼                   │ │              │
      │  │ │    ╭───────────────╮           │ │              │
      │  │ │    │ TransformItem │ Pass      │ │              │
      │  │ │    ╰───────┬───────╯           │ │              │
      │  │ │            ▼                   │ │              │
      │  │ │     ╭─────────────╮            │ │              │
      │  │ │     │ PublishItem │ Task       │ │              │
      │  │ │     ╘═════════════╛            │ │              │
      │  │ ╘════════════════════════════════╛ │              │
      │  ╘══════════════════╤═════════════════╛              │
      │                     ┆ catch States.ItemReaderFail…   │
      │                     ▼                                │
      │               ╭──────────╮                           │
      │               │ FailItem │ Fail                      │
      │               ╘══════════╛                           │
      ╰───────────────────────────┬──────────────────────────╯
                                 ┌┴┐
                                 │ ┆ catch States.ItemReaderFail…
                                 └┬┘
                                  ▼
                              ╭──────╮
                              │ Fail │ Pass
                              ╰───┬──╯
                                  ▼
                               ╭─────╮
                               │ End │ Pass
                               ╘═════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/s3-bucket-nested-distributed-map/statemachine/statemachine.asl.json") == expected)
  }

  /// Choice (two rules and Default to the same Fail), Wait, Parallel.
  @Test func parallelAfterAChoice() throws {
    let expected = #"""
                                                     ╭──────╮
                                                     │ Pass │ Pass
                                                     ╰───┬──╯
                                                         ▼
                                             ╭──────────────────────╮
                                             │ Hello World example? │ Choice
                                             ╰───────────┬──────────╯
                         ┌───────────────────────────────┼───────────────────────────────┐
                         │ 1: $.IsHelloWorldExample ==…  │ 2: $.IsHelloWorldExample ==…  │ Default
                         │                               ├───────────────────────────────┘
                         ▼                               ▼
                      ╭─────╮                         ╭────╮
                      │ Yes │ Pass                    │ No │ Fail
                      ╰──┬──╯                         ╘════╛
                         ▼
                  ╭────────────╮
                  │ Wait 3 sec │ Wait
                  ╰──────┬─────╯
                         ▼
      ╭ Parallel State ─────────── Parallel ╮
      │ ╭───────╮          ╭───────╮        │
      │ │ Hello │ Pass     │ World │ Pass   │
      │ ╘═══════╛          ╘═══════╛        │
      ╰──────────────────┬──────────────────╯
                         ▼
                  ╭─────────────╮
                  │ Hello World │ Pass
                  ╘═════════════╛
      """#
    #expect(try render(Self.realworld + "serverless-patterns/apigw-sfn/statemachine/stateMachine.asl.json") == expected)
  }

  /// YAML with CloudFormation tags: a polling loop labelled with its rule.
  @Test func yamlWithCloudFormationTagsAndALoop() throws {
    let expected = #"""
      ╭─────────────────╮
      │ StartTranscribe │ Task
      ╰────────┬────────╯
               │ ┌────────────────┐
               ▼ ▼                │
         ╭───────────╮            │
         │ WaitState │ Wait       │
         ╰─────┬─────╯            │
               ▼                  │
      ╭─────────────────╮         │
      │ CheckTranscribe │ Task    │
      ╰────────┬────────╯         │
               ▼                  │
        ╭─────────────╮           │
        │ ChoiceState │ Choice    │ 1: $.continue == true
        ╰──────┬──────╯           │
               ├──────────────────┘
               │ Default
               ▼
         ╭───────────╮
         │ Translate │ Task
         ╰─────┬─────╯
               ▼
          ╭────────╮
          │ Speech │ Task
          ╰────┬───╯
               ▼
           ╭──────╮
           │ Done │ Succeed
           ╘══════╛
      """#
    #expect(try render(Self.realworld + "serverless-patterns/apigw-lambda-sfn-transcribe-translate-polly-sam/template.yaml__Orchestrator.asl.yaml") == expected)
  }

  /// JSONata conditions, 27 states, four loops inside two Parallel branches.
  @Test func jsonataMachineOf27States() throws {
    let expected = #"""
      ╭ Create Evaluation Pipelines ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────── Parallel ╮
      │           ╭─────────────────────╮                                                          ╭─────────────────────────╮                                             │
      │           │ CreateKnowledgeBase │ Task                                                     │ Create Knowledge Base 2 │ Task                                        │
      │           ╰──────────┬──────────╯                                                          ╰────────────┬────────────╯                                             │
      │                      ▼                                                                                  ▼                                                          │
      │                  ╭──────╮                                                                          ╭────────╮                                                      │
      │                  │ Wait │ Wait                                                                     │ Wait 2 │ Wait                                                 │
      │                  ╰───┬──╯                                                                          ╰────┬───╯                                                      │
      │                      ▼                                                                                  ▼                                                          │
      │           ╭────────────────────╮                                                            ╭──────────────────────╮                                               │
      │           │ Create Data Source │ Task                                                       │ Create Data Source 2 │ Task                                          │
      │           ╰──────────┬─────────╯                                                            ╰───────────┬──────────╯                                               │
      │                      ▼                                                                                  ▼                                                          │
      │           ╭─────────────────────╮                                                           ╭───────────────────────╮                                              │
      │           │ Start Ingestion Job │ Task                                                      │ Start Ingestion Job 2 │ Task                                         │
      │           ╰──────────┬──────────╯                                                           ╰───────────┬───────────╯                                              │
      │                      │ ┌──────────────────────────────────────────────┐                                 │ ┌──────────────────────────────────────────────┐         │
      │                      ▼ ▼                                              │                                 ▼ ▼                                              │         │
      │             ╭─────────────────╮                                       │                       ╭───────────────────╮                                      │         │
      │             │ Wait 60 Seconds │ Wait                                  │                       │ Wait 60 Seconds 2 │ Wait                                 │         │
      │             ╰────────┬────────╯                                       │                       ╰─────────┬─────────╯                                      │         │
      │                      ▼                                                │                                 ▼                                                │         │
      │            ╭───────────────────╮                                      │                      ╭─────────────────────╮                                     │         │
      │            │ Get Ingestion Job │ Task                                 │                      │ Get Ingestion Job 2 │ Task                                │         │
      │            ╰─────────┬─────────╯                                      │                      ╰──────────┬──────────╯                                     │         │
      │                      ▼                                                │                                 ▼                                                │         │
      │           ╭─────────────────────╮                                     │                     ╭───────────────────────╮                                    │         │
      │           │ Ingestion Complete? │ Choice                              │ Default             │ Ingestion Complete? 2 │ Choice                             │ Default │
      │           ╰──────────┬──────────╯                                     │                     ╰───────────┬───────────╯                                    │         │
      │                      ├────────────────────────────────────────────────┘                                 ├────────────────────────────────────────────────┘         │
      │                      │ 1: $states.input.IngestionJ…                                                     │ 1: $states.input.IngestionJ…                             │
      │                      ▼                                                                                  ▼                                                          │
      │          ╭───────────────────────╮                                                         ╭─────────────────────────╮                                             │
      │          │ Create Evaluation Job │ Task                                                    │ Create Evaluation Job 2 │ Task                                        │
      │          ╰───────────┬───────────╯                                                         ╰────────────┬────────────╯                                             │
      │                      │ ┌──────────────────────────────────────────────┐                                 │ ┌──────────────────────────────────────────────┐         │
      │                      ▼ ▼                                              │                                 ▼ ▼                                              │         │
      │             ╭─────────────────╮                                       │                       ╭───────────────────╮                                      │         │
      │             │ Wait 10 Minutes │ Wait                                  │                       │ Wait 10 Minutes 2 │ Wait                                 │         │
      │             ╰────────┬────────╯                                       │                       ╰─────────┬─────────╯                                      │         │
      │                      ▼                                                │                                 ▼                                                │         │
      │        ╭───────────────────────────╮                                  │                  ╭─────────────────────────────╮                                 │         │
      │        │ Get Evaluation Job Status │ Task                             │                  │ Get Evaluation Job Status 2 │ Task                            │         │
      │        ╰─────────────┬─────────────╯                                  │                  ╰──────────────┬──────────────╯                                 │         │
      │                      ▼                                                │                                 ▼                                                │         │
      │          ╭──────────────────────╮                                     │                    ╭────────────────────────╮                                    │         │
      │          │ Evaluation Complete? │ Choice                              │ Default            │ Evaluation Complete? 2 │ Choice                             │ Default │
      │          ╰───────────┬──────────╯                                     │                    ╰────────────┬───────────╯                                    │         │
      │      ┌───────────────┴───────────────┬────────────────────────────────┘                 ┌───────────────┴───────────────┬────────────────────────────────┘         │
      │      │ 1: $states.input.Status = '…  │ 2: $states.input.Status = '…                     │ 1: $states.input.Status = '…  │ 2: $states.input.Status = '…             │
      │      ▼                               ▼                                                  ▼                               ▼                                          │
      │ ╭─────────╮                      ╭──────╮                                         ╭───────────╮                    ╭────────╮                                      │
      │ │ Success │ Succeed              │ Fail │ Fail                                    │ Success 2 │ Succeed            │ Fail 2 │ Fail                                 │
      │ ╘═════════╛                      ╘══════╛                                         ╘═══════════╛                    ╘════════╛                                      │
      ╘════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/bedrock-evaluations-sam/statemachine/statemachine.asl.json") == expected)
  }

  /// Two Choice fan-outs, a Map between them; sibling edges never cross each other.
  @Test func choiceFanOutsOnTwoLevels() throws {
    let expected = #"""
                                                                                              ╭──────────────────────╮
                                                                                              │ Command Query Router │ Choice
                                                                                              ╰───────────┬──────────╯
                                                                          ┌───────────────────────────────┼───────────────────────────────┐
                                                                          │ 1: $.detail-type == "orderC…  │ 2: $.detail-type == "orderQ…  │ Default
                                                                          ▼                               ▼                               │
                                                         ╭ Loop Order Items ────────── Map ╮      ╭──────────────╮                        │
                                                         │ ╭──────────────────────╮        │      │ Query Router │ Choice                 │
                                                         │ │ Marshall Item Object │ Pass   │      ╰───────┬──────╯                        │
                                                         │ ╘══════════════════════╛        │              │                               │
                                                         ╰────────────────┬────────────────╯              │                               │
                                                   ┌──────────────────────┘                               ├──────────────────────────────┐└─────────┐
                                                   │                     ┌───────────────────────────────┬┘                              │          │
                                                   ▼                     │                               │                               │          │
                                       ╭───────────────────────╮         │                               │                               │          │
                                       │ Put Order to DynamoDB │ Task    │ 1: $.detail.query == "items…  │ 2: $.detail.query == "month…  │ Default  │
                                       ╰───────────┬───────────╯         │                               │                               │          │
                      ┌────────────────────────────┘           ┌─────────┘                               └──┐                            └────┬─────┘
                      ▼                                        ▼                                            ▼                                 ▼
      ╭──────────────────────────────╮         ╭──────────────────────────────╮            ╭─────────────────────────────────╮            ╭──────╮
      │ Send Response to EventBridge │ Task    │ Invoke ItemSalesReport Query │ Task ↻6    │ Invoke MonthlySalesByItem Query │ Task ↻6    │ Fail │ Fail
      ╘══════════════════════════════╛         ╰───────────────┬──────────────╯            ╰────────────────┬────────────────╯            ╘══════╛
                                                               ▼                                            ▼
                                                   ╭──────────────────────╮                    ╭─────────────────────────╮
                                                   │ Send ItemSalesReport │ Task               │ Send MonthlySalesByItem │ Task
                                                   │ Query Results        │                    │ Query Results           │
                                                   ╘══════════════════════╛                    ╘═════════════════════════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/cqrs/statemachine/statemachine.asl.json") == expected)
  }

  /// The largest corpus machine: 33 states, a four-branch Parallel, Catch edges.
  @Test func largestMachineOf33States() throws {
    let expected = #"""
                                                                                                                                           ╭───────────────────────────╮
                                                                                                                                           │ Log execution in DynamoDB │ Task
                                                                                                                                           ╰─────────────┬─────────────╯
                                                                                                                                                         ▼
      ╭ Wait for at least "quorum" number processes complete ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────── Parallel ╮
      │                             ╭────────────────╮                                                                 ╭────────────────╮                                                                 ╭────────────────╮                                               ╭─────────────╮                 │
      │                             │ Mock Process 1 │ Task ↻6                                                         │ Mock Process 2 │ Task ↻6                                                         │ Mock Process 3 │ Task ↻6                                       │ TimeoutWait │ Wait            │
      │                             ╰────────┬───────╯                                                                 ╰────────┬───────╯                                                                 ╰────────┬───────╯                                               ╰──────┬──────╯                 │
      │                    ┌─────────────────┴┄┄┄┄┐                                                           ┌─────────────────┴┄┄┄┄┐                                                           ┌─────────────────┴┄┄┄┄┐                                                         ▼                        │
      │                    ▼                      ┆                                                           ▼                      ┆                                                           ▼                      ┆                                        ╭────────────────────────────────╮        │
      │       ╭─────────────────────────╮         ┆                                              ╭─────────────────────────╮         ┆                                              ╭─────────────────────────╮         ┆                                        │ Update Process Ran out of time │ Task   │
      │       │ Update Process1 Success │ Task    ┆ catch States.ALL                             │ Update Process2 Success │ Task    ┆ catch States.ALL                             │ Update Process3 Success │ Task    ┆ catch States.ALL                       ╰────────────────┬───────────────╯        │
      │       ╰────────────┬────────────╯         ┆                                              ╰────────────┬────────────╯         ┆                                              ╰────────────┬────────────╯         ┆                                                         ▼                        │
      │                    │                      ▼                                                           │                      ▼                                                           │                      ▼                                                ╭─────────────────╮               │
      │                    │         ╭─────────────────────────╮                                              │         ╭─────────────────────────╮                                              │         ╭─────────────────────────╮                                   │ Ran out of Time │ Fail          │
      │                    │         │ Update Process1 Failure │ Task                                         │         │ Update Process2 Failure │ Task                                         │         │ Update Process3 Failure │ Task                              ╘═════════════════╛               │
      │                    │         ╰────────────┬────────────╯                                              │         ╰────────────┬────────────╯                                              │         ╰────────────┬────────────╯                                                                     │
      │                    └─────────────────┬────┘                                                           └─────────────────┬────┘                                                           └─────────────────┬────┘                                                                                  │
      │                                      ▼                                                                                  ▼                                                                                  ▼                                                                                       │
      │                    ╭──────────────────────────────────╮                                               ╭──────────────────────────────────╮                                               ╭──────────────────────────────────╮                                                                      │
      │                    │ Get Process Completion Statuses1 │ Task                                          │ Get Process Completion Statuses2 │ Task                                          │ Get Process Completion Statuses3 │ Task                                                                 │
      │                    ╰─────────────────┬────────────────╯                                               ╰─────────────────┬────────────────╯                                               ╰─────────────────┬────────────────╯                                                                      │
      │                                      ▼                                                                                  ▼                                                                                  ▼                                                                                       │
      │                            ╭───────────────────╮                                                              ╭───────────────────╮                                                              ╭───────────────────╮                                                                             │
      │                            │ Count Processes 1 │ Pass                                                         │ Count Processes 2 │ Pass                                                         │ Count Processes 3 │ Pass                                                                        │
      │                            ╰─────────┬─────────╯                                                              ╰─────────┬─────────╯                                                              ╰─────────┬─────────╯                                                                             │
      │                                      ▼                                                                                  ▼                                                                                  ▼                                                                                       │
      │                          ╭───────────────────────╮                                                          ╭───────────────────────╮                                                          ╭───────────────────────╮                                                                           │
      │                          │ Check If Quorum Met 1 │ Choice                                                   │ Check If Quorum Met 2 │ Choice                                                   │ Check If Quorum Met 3 │ Choice                                                                    │
      │                          ╰───────────┬───────────╯                                                          ╰───────────┬───────────╯                                                          ╰───────────┬───────────╯                                                                           │
      │                      ┌───────────────┴───────────────┐                                                  ┌───────────────┴───────────────┐                                                  ┌───────────────┴───────────────┐                                                                       │
      │                      │ 1: $.completed_processes_co…  │ Default                                          │ 1: $.completed_processes_co…  │ Default                                          │ 1: $.completed_processes_co…  │ Default                                                               │
      │                 ┌────┘                               └───┐                                         ┌────┘                               └───┐                                         ┌────┘                               └───┐                                                                   │
      │                 ▼                                        ▼                                         ▼                                        ▼                                         ▼                                        ▼                                                                   │
      │ ╭───────────────────────────────╮         ╭─────────────────────────────╮          ╭───────────────────────────────╮         ╭─────────────────────────────╮          ╭───────────────────────────────╮         ╭─────────────────────────────╮                                                    │
      │ │ Quorum Met (DummyFailure) - 1 │ Fail    │ Wait For Other Processes to │ Pass     │ Quorum Met (DummyFailure) - 2 │ Fail    │ Wait For Other Processes to │ Pass     │ Quorum Met (DummyFailure) - 3 │ Fail    │ Wait For Other Processes to │ Pass                                               │
      │ ╘═══════════════════════════════╛         │ Complete or For Time out 1  │          ╘═══════════════════════════════╛         │ Complete or For Time out 2  │          ╘═══════════════════════════════╛         │ Complete or For Time out 3  │                                                    │
      │                                           ╘═════════════════════════════╛                                                    ╘═════════════════════════════╛                                                    ╘═════════════════════════════╛                                                    │
      ╰──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┬─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────╯
                                                                                                                                               ┌─┬───────┴┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┐
                                                                                                                                               │ ┆ catch States.QuorumMet  ┆ catch States.RanOutOfTime
                                                                                                                                               ├┄┘                         └┄┄┄┄┄┄┄┄┐
                                                                                                                                               ▼                                    ▼
                                                                                                                               ╭──────────────────────────────╮         ╭──────────────────────╮
                                                                                                                               │ Next Step When Quorum is met │ Pass    │ Next Step if Process │ Pass
                                                                                                                               ╰───────────────┬──────────────╯         │ Ran out of time      │
                                                                                                                                               │                        ╰───────────┬──────────╯
                                                                                                                                               └─────────┬──────────────────────────┘
                                                                                                                                                         ▼
                                                                                                                                           ╭──────────────────────────╮
                                                                                                                                           │ Update "Ran Out of time" │ Task
                                                                                                                                           │ to False (if needed)     │
                                                                                                                                           ╰─────────────┬────────────╯
                                                                                                                                                        ┌┴┐
                                                                                                                                                        │ ┆ catch DynamoDB.ConditionalC…
                                                                                                                                                        └┬┘
                                                                                                                                                         ▼
                                                                                                                                         ╭───────────────────────────────╮
                                                                                                                                         │ Get Process Completion Status │ Task
                                                                                                                                         ╘═══════════════════════════════╛
      """#
    #expect(try render(Self.realworld + "step-functions-workflows-collection/quorum-with-parallel-pattern/statemachine/statemachine.asl.json") == expected)
  }
}

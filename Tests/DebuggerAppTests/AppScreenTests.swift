import Testing
import TerminalUI
@testable import DebuggerApp

/// The debugger screen for the sketch's situation (parent waiting on a callback token) as text.
/// Teaching notes are not drawn over the panes: they go to the message line and the log.
@Suite struct AppScreenTests {
  @Test func wideScreen() {
    let size = Size(width: 100, height: 30)
    let app = AppState(view: SampleView.make(), screenSize: size)
    #expect(app.render(size: size).lines() == [
      " sfdbg · template.yaml · Main                                   main-1 RUNNING   clock 00:00:02.000 ",
      "┌ Executions ──────────────────────┐┏ ▶ Graph · main-1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
      "│▸ ● main-1  RUNNING  Main         │┃        ╭───────────╮                                         ┃",
      "│      child-1  SUCCEEDED  Nested  │┃        │ Log order │ Task ✓                                  ┃",
      "│        ↳ call-and-continue       │┃        ╰─────┬─────╯                                         ┃",
      "│      child-2  RUNNING  Nested    │┃              ▼                                               ┃",
      "│        ↳ .waitForTaskToken ⧗ tok…│┃╭──────────────────────────╮                                  ┃",
      "│                                  │┃│ Ship (wait for callback) │ Task ⧗                           ┃",
      "│                                  │┃╰─────────────┬────────────╯                                  ┃",
      "├ Pending (1) ─────────────────────┤┃              ▼                                               ┃",
      "│▸ 1 token main-1 · Ship…callback) │┃     ╭────────────────╮                                       ┃",
      "│     states:startExecution.waitFo…│┃     │ Order complete │ Succeed                               ┃",
      "│     age 2.0s · no timeout        │┃     ╘════════════════╛                                       ┃",
      "│                                  │├ State I/O · Ship (wait for callback) ────────────────────────┤",
      "│                                  ││▾ input: {                                                    │",
      "│                                  ││    \"OrderId\": \"o-1\"                                          │",
      "│                                  ││  }                                                           │",
      "├ History · main-1 ────────────────┤│▾ parameters: {                                               │",
      "│  1 TaskEntered    Log order      ││▾   \"Input\": {                                                │",
      "│  2 TaskScheduled  Log order      ││      \"TaskToken\": \"AQB4…e1f\"                                 │",
      "│  3 TaskEntered    Log order      ││    }                                                         │",
      "│  4 TaskScheduled  Log order      ││  }                                                           │",
      "│  5 TaskEntered    Log order      ││  result: \"⧗ waiting for SendTaskSuccess / SendTaskFailure\"   │",
      "│▸ 6 TaskScheduled  Log order      ││                                                              │",
      "│                                  ││                                                              │",
      "│                                  ││                                                              │",
      "│                                  ││                                                              │",
      "└──────────────────────────────────┘└──────────────────────────────────────────────────────────────┘",
      " next: waits for the callback token of Ship                                                         ",
      " s step  n next  i into  c continue  S succeed  F fail  u back  b break  : cmd  ? help  q quit      ",
    ])
  }

  @Test func narrowScreen() {
    let size = Size(width: 80, height: 24)
    let app = AppState(view: SampleView.make(), screenSize: size)
    #expect(app.render(size: size).lines() == [
      " sfdbg · template.yaml · Main               main-1 RUNNING   clock 00:00:02.000 ",
      "┌ Executions ────────────────┐┏ ▶ Graph · main-1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
      "│▸ ● main-1  RUNNING  Main   │┃        ╭───────────╮                           ┃",
      "│      child-1  SUCCEEDED  N…│┃        │ Log order │ Task ✓                    ┃",
      "│        ↳ call-and-continue │┃        ╰─────┬─────╯                           ┃",
      "│      child-2  RUNNING  Nes…│┃              ▼                                 ┃",
      "│        ↳ .waitForTaskToken…│┃╭──────────────────────────╮                    ┃",
      "│                            │┃│ Ship (wait for callback) │ Task ⧗             ┃",
      "│                            │┃╰─────────────┬────────────╯                    ┃",
      "├ Pending (1) ───────────────┤┃              ▼                                 ┃",
      "│[Pending]  History          │├ State I/O · Ship (wait for callback) ──────────┤",
      "│▸ 1 token main-1 · Sh…lback)││▾ input: {                                      │",
      "│     states:startExecution.…││    \"OrderId\": \"o-1\"                            │",
      "│     age 2.0s · no timeout  ││  }                                             │",
      "│                            ││▾ parameters: {                                 │",
      "│                            ││▾   \"Input\": {                                  │",
      "│                            ││      \"TaskToken\": \"AQB4…e1f\"                   │",
      "│                            ││    }                                           │",
      "│                            ││  }                                             │",
      "│                            ││  result: \"⧗ waiting for SendTaskSuccess / Send…│",
      "│                            ││                                                │",
      "└────────────────────────────┘└────────────────────────────────────────────────┘",
      " next: waits for the callback token of Ship                                     ",
      " s step  n next  i into  c continue  S succeed  F fail  : cmd  ? help  q quit   ",
    ])
  }

  @Test func smallScreenShowsOnePane() {
    let size = Size(width: 50, height: 14)
    let app = AppState(view: SampleView.make(), screenSize: size)
    #expect(app.render(size: size).lines() == [
      " sfdbg · te…  main-1 RUNNING   clock 00:00:02.000 ",
      "┏ ▶ Graph · main-1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
      "┃ Execut…   Pending   History  [Graph]  State …  ┃",
      "┃        ╭───────────╮                           ┃",
      "┃        │ Log order │ Task ✓                    ┃",
      "┃        ╰─────┬─────╯                           ┃",
      "┃              ▼                                 ┃",
      "┃╭──────────────────────────╮                    ┃",
      "┃│ Ship (wait for callback) │ Task ⧗             ┃",
      "┃╰─────────────┬────────────╯                    ┃",
      "┃              ▼                                 ┃",
      "┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛",
      " next: waits for the callback token of Ship       ",
      " s step  S succeed  F fail  : cmd  ? help  q quit ",
    ])
  }

  @Test func tooSmall() {
    let app = AppState(view: SampleView.make(), screenSize: Size(width: 20, height: 6))
    #expect(app.render(size: Size(width: 20, height: 6)).text.contains("too small"))
  }
}

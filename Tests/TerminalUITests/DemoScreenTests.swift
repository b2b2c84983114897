import Testing
@testable import TerminalUI

/// The demo screen (a debugger-like layout made of TerminalUI widgets only) as text snapshots.
@Suite struct DemoScreenTests {
  @Test func wideLayoutAt100x30() {
    let screen = DemoScreen().render(size: Size(width: 100, height: 30))
    #expect(screen.lines() == [
      " sfdbg · template.yaml · NestingPatternMainStateMachine         main-1 RUNNING   clock 00:00:02.000 ",
      "┌ Executions ──────────────────────┐┏ ▶ Graph · main-1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
      "│▾ main-1   Main       RUNNING     │┃   ╭─────────────────────────────────╮                        ┃",
      "│ ├ child-1 Nested     SUCCEEDED   │┃   │ Start new workflow and continue │ Task ✓                 ┃",
      "│ │   ↳ call-and-continue          │┃   ╰────────────────┬────────────────╯                        ┃",
      "│ ├ child-2 Nested     SUCCEEDED   │┃                    ▼                                         ┃",
      "│ │   ↳ .sync:2 → Output (JSON)    │┃   ╭─────────────────────────────────╮                        ┃",
      "│ └ child-3 Nested     RUNNING     │┃   │ Start in parallel               │ Parallel               ┃",
      "│     ↳ .waitForTaskToken ⧗ token  │┃   ╰─────────────────────────────────╯                        ┃",
      "│                                  │┃                                                              ┃",
      "│                                  │┃                                                              ┃",
      "├ Pending (2) ─────────────────────┤┃                                                              ┃",
      "│▸ 1 token  main-1 · Start new wor…│├ State I/O · Start new workflow and wait for callback ────────┤",
      "│     from child-3 via TaskToken   ││▾ {                                                           │",
      "│     age 2.0s · no timeout        ││    \"StateMachineArn\": \"arn:aws:states:us-east-1:123456789012…│",
      "│  2 task   child-3 · Callback     ││▾   \"Input\": {                                                │",
      "│     lambda:invoke (by hand)      ││      \"NeedCallback\": true,                                   │",
      "│                                  ││      \"TaskToken\": \"AQB4…e1f\"                                 │",
      "│                                  ││    }                                                         │",
      "│                                  ││  }                                                           │",
      "├ History · main-1 ────────────────┤│                                                              │",
      "│  14 TaskSubmitted   Start new wo…││                                                              │",
      "│  15 TaskSucceeded   Start new wo…││                                                              │",
      "│  16 TaskStateExited Start new wo…││                                                              │",
      "│▸ 17 TaskSubmitted   Start new wo…││                                                              │",
      "│                                  ││                                                              │",
      "│                                  ││ⓘ .waitForTaskToken: the parent pauses until someone returns  │",
      "│                                  ││the token.                                                    │",
      "└──────────────────────────────────┘└──────────────────────────────────────────────────────────────┘",
      " s step  n next  i into  o out  c continue  u back  b break  a advance  S succeed  : cmd  ? help    ",
    ])
  }

  @Test func narrowLayoutAt80x24() {
    let screen = DemoScreen().render(size: Size(width: 80, height: 24))
    #expect(screen.lines() == [
      " sfdbg · template.yaml · NestingPatternMa…  main-1 RUNNING   clock 00:00:02.000 ",
      "┌ Executions ──────────────────┐┏ ▶ Graph · main-1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
      "│▾ main-1   Main       RUNNING │┃   ╭─────────────────────────────────╮        ┃",
      "│ ├ child-1 Nested     SUCCEED…│┃   │ Start new workflow and continue │ Task ✓ ┃",
      "│ │   ↳ call-and-continue      │┃   ╰────────────────┬────────────────╯        ┃",
      "│ ├ child-2 Nested     SUCCEED…│┃                    ▼                         ┃",
      "│ │   ↳ .sync:2 → Output (JSON)│┃   ╭─────────────────────────────────╮        ┃",
      "│ └ child-3 Nested     RUNNING │┃   │ Start in parallel               │ Paralle┃",
      "│     ↳ .waitForTaskToken ⧗ to…│┃   ╰─────────────────────────────────╯        ┃",
      "│                              │├ State I/O · Start new workflow and wait for… ┤",
      "│                              ││▾ {                                           │",
      "├ Pending (2) ─────────────────┤│    \"StateMachineArn\": \"arn:aws:states:us-eas…│",
      "│[Pending (2)]  History        ││▾   \"Input\": {                                │",
      "│▸ 1 token  main-1 · Start new…││      \"NeedCallback\": true,                   │",
      "│     from child-3 via TaskTok…││      \"TaskToken\": \"AQB4…e1f\"                 │",
      "│     age 2.0s · no timeout    ││    }                                         │",
      "│  2 task   child-3 · Callback ││  }                                           │",
      "│     lambda:invoke (by hand)  ││                                              │",
      "│                              ││                                              │",
      "│                              ││                                              │",
      "│                              ││ⓘ .waitForTaskToken: the parent pauses until  │",
      "│                              ││someone returns the token.                    │",
      "└──────────────────────────────┘└──────────────────────────────────────────────┘",
      " s step  n next  i into  o out  c continue  u back  b break  a advance          ",
    ])
  }

  @Test func helpOverlayOverTheNarrowLayout() {
    var demo = DemoScreen()
    demo.showsHelp = true
    demo.focus = .executions
    let screen = demo.render(size: Size(width: 80, height: 24))
    #expect(screen.lines() == [
      " sfdbg · template.yaml · NestingPatternMa…  main-1 RUNNING   clock 00:00:02.000 ",
      "┏ ▶ Executions ━━━━━━━━━━━━━━━━┓┌ Graph · main-1 ──────────────────────────────┐",
      "┃▾ main-1   Main       RUNNING ┃│   ╭─────────────────────────────────╮        │",
      "┃ ├ child-1 Nested     SUCCEED…┃│   │ Start new workflow and continue │ Task ✓ │",
      "┃ │   ↳ call-and-continue  ┏ ▶ Help ━━━━━━━━━━━━━━━━┓┬────────────────╯        │",
      "┃ ├ child-2 Nested     SUCC┃ Keys                   ┃▼                         │",
      "┃ │   ↳ .sync:2 → Output (J┃  s  step               ┃─────────────────╮        │",
      "┃ └ child-3 Nested     RUNN┃  n  next               ┃el               │ Paralle│",
      "┃     ↳ .waitForTaskToken ⧗┃  i  into               ┃─────────────────╯        │",
      "┃                          ┃  o  out                ┃ew workflow and wait for… ┤",
      "┃                          ┃  c  continue           ┃                          │",
      "├ Pending (2) ─────────────┃  u  back               ┃\": \"arn:aws:states:us-eas…│",
      "│[Pending (2)]  History    ┃  b  break              ┃                          │",
      "│▸ 1 token  main-1 · Start ┃  a  advance            ┃: true,                   │",
      "│     from child-3 via Task┃  S  succeed            ┃AQB4…e1f\"                 │",
      "│     age 2.0s · no timeout┃  :  cmd                ┃                          │",
      "│  2 task   child-3 · Callb┃  ?  help               ┃                          │",
      "│     lambda:invoke (by han┃  q  quit               ┃                          │",
      "│                          ┃ esc/? close  ↑↓ scroll ┃                          │",
      "│                          ┗━━━━━━━━━━━━━━━━━━━━━━━━┛                          │",
      "│                              ││ⓘ .waitForTaskToken: the parent pauses until  │",
      "│                              ││someone returns the token.                    │",
      "└──────────────────────────────┘└──────────────────────────────────────────────┘",
      " s step  n next  i into  o out  c continue  u back  b break  a advance          ",
    ])
  }

  @Test func focusIsVisibleWithoutColours() {
    var demo = DemoScreen()
    demo.focus = .history
    let screen = demo.render(size: Size(width: 100, height: 30))
    #expect(screen.line(20).hasPrefix("┣ ▶ History · main-1 ━"))
    #expect(screen.line(1).hasPrefix("┌ Executions ─"))
    // The selected history row is in reverse video only while History has focus.
    #expect(screen.lines(marking: { $0.style.reverse })[24].hasPrefix("┃####"))
  }

  @Test func tinyTerminalShowsANotice() {
    let screen = DemoScreen().render(size: Size(width: 20, height: 6))
    #expect(screen.lines()[2] == "Terminal too small: ")
  }

  @Test func resizingRedrawsEverything() {
    var backend = TestBackend(size: Size(width: 100, height: 30))
    var presenter = ScreenPresenter()
    let demo = DemoScreen()
    presenter.present(demo.render(size: backend.size), to: &backend)
    backend.resize(to: Size(width: 80, height: 24))
    #expect(backend.nextEvent(timeout: nil) == .resize(Size(width: 80, height: 24)))
    let sent = presenter.present(demo.render(size: backend.size), to: &backend)
    #expect(sent == 80 * 24)
    #expect(backend.screen == demo.render(size: Size(width: 80, height: 24)))
  }
}

import DebuggerCore
import TerminalUI

extension AppState {
  /// The `?` overlay: every key of the main screen by section, then the commands of the `:`
  /// prompt.
  public var helpOverlay: HelpOverlay { modeBindings.isEmpty ? Self.help : Self.help(first: modeBindings) }

  static let help = help(first: [])

  /// The overlay with a screen variant's keys (a replay's `f`) before the global ones.
  static func help(first: [AppKeyBinding]) -> HelpOverlay {
    HelpOverlay(
      title: "Keys",
      sections: keySections(
        main: first + globalBindings + TourCaption.bindings, panes: paneHelpOrder.flatMap { bindings(for: $0) })
        + [
          .init("Graph marks", GraphView.legend),
          .init("Commands", CommandSpec.all.map { KeyHint($0.name, $0.helpLine) }),
        ])
  }

  /// The order in which a key's meanings in the panes are joined on its help line.
  private static let paneHelpOrder: [Pane] = [.executions, .stateIO, .history, .pending, .graph]

  /// The help sections of `main` (in list order within each section); the panes' own bindings
  /// follow the line of the key that moves in the focused pane, one line per key, its meanings
  /// in the panes joined by ` / `.
  static func keySections(main: [AppKeyBinding], panes: [AppKeyBinding]) -> [HelpOverlay.Section] {
    var paneLabels: [String] = []
    var paneMeanings: [String: [String]] = [:]
    for binding in panes {
      guard let help = binding.help else { continue }
      if paneMeanings[binding.label] == nil { paneLabels.append(binding.label) }
      if paneMeanings[binding.label]?.contains(help) != true { paneMeanings[binding.label, default: []].append(help) }
    }
    let paneLines = paneLabels.map { KeyHint($0, paneMeanings[$0, default: []].joined(separator: " / ")) }
    return KeySection.allCases.map { section in
      var entries: [KeyHint] = []
      for binding in main where binding.section == section {
        guard let help = binding.help else { continue }
        entries.append(KeyHint(binding.label, help))
        if binding.label == paneNavigationLabel { entries += paneLines }
      }
      return HelpOverlay.Section(section.rawValue, entries)
    }
  }

  /// The keys of the open help: scrolling, and closing it.
  static let helpBindings: [KeyBinding<ScrollState, OverlayOutcome>] = [
    KeyBinding([.escape, .character("?"), .character("q"), .enter], name: "close") { _, _ in .close([]) },
    KeyBinding(Key.scrollKeys, label: "↑↓", name: "scroll") { scroll, input in
      _ = scroll.handle(input.key, contentHeight: help.lines.count, viewportHeight: max(1, input.screen.height - 6))
      return .stay
    },
  ]
}

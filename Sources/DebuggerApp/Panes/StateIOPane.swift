import TerminalUI

/// The State I/O pane: the data-flow stages of the selected (or current) state as a foldable JSON
/// tree, then why the state did what it did (teaching notes go to the log). `enter` on a leaf shows it
/// whole; on a container it folds. Inside a Map, a line above says which iteration is shown and
/// how the iterations stand; `[`/`]` pick another.
public struct StateIOPane: Sendable {
  public var tree = Self.freshTree
  /// The Map iteration picked with `[`/`]` (0-based); nil shows the latest to reach the state.
  public var iteration: Int?

  private static var freshTree: JSONTreeState { JSONTreeState(list: ListState(selected: 0), labelledRoot: true) }

  static let bindings: [AppKeyBinding] = [
    AppKeyBinding([.enter], name: "show", help: "fold JSON or show a value", section: .panes) { app, input in
      let value = app.view.stateIO.stagesValue
      if let pointer = app.stateIO.tree.selectedPointer(in: value), let selected = pointer.resolve(in: value),
        selected.arrayValue?.isEmpty != false, selected.objectValue?.isEmpty != false
      {
        // A leaf (scalar or empty container): show it whole; long strings are cut in the tree.
        let text = selected.stringValue ?? selected.prettyString
        app.mode = .viewer(ValueViewer(title: pointer.description, text: text))
        return []
      }
      app.stateIO.navigate(input.key, app.view, pageSize: input.pageSize)
      return []
    },
    AppKeyBinding(
      [.character("["), .character("]")], label: "[ ]", name: "iteration",
      help: "previous / next Map iteration of the state", section: .panes,
      showInBar: { $0.focus == .stateIO && $0.view.stateIO.iterations != nil }
    ) { app, input in
      guard let map = app.view.stateIO.iterations, map.total > 0 else { return [] }
      let step = input.key == .character("[") ? -1 : 1
      app.stateIO.iteration = min(max(map.shown + step, 0), map.total - 1)
      return []
    },
  ]

  /// Follows a new session view: another state starts with a fresh tree.
  mutating func update(from old: SessionView, to new: SessionView) {
    if new.stateIO.stateName != old.stateIO.stateName { tree = Self.freshTree }
  }

  func title(_ view: SessionView) -> String {
    view.stateIO.stateName.map { "State I/O · " + $0 } ?? "State I/O"
  }

  func render(_ view: SessionView, in area: Rect, focused: Bool, buffer: inout ScreenBuffer) {
    let model = view.stateIO
    var area = area
    if let map = model.iterations, area.height > 1 {
      // Which iteration the data is from, and how the others stand.
      let text = "◂ [ \(map.mapState): \(map.summary) ] ▸"
      buffer.write(text, at: area.origin, style: Style(foreground: .cyan, bold: true), clip: area)
      area = area.inset(top: 1)
    }
    let notes: [TextLine] = model.explanation.map { line in
      if line.hasSuffix("→ matched") || line.contains("caught it") { return TextLine(line, style: Style(foreground: .green, bold: true)) }
      if line.hasSuffix("→ no") { return TextLine(line, style: .plain.dimmed()) }
      if line.hasPrefix("⧗") { return TextLine(line, style: Style(foreground: .yellow, bold: true)) }
      if line.hasPrefix("failed:") || line.contains("no Retrier or Catcher") { return TextLine(line, style: Style(foreground: .red)) }
      return TextLine(line)
    }
    let noteRows = notes.flatMap { $0.wrapped(toWidth: max(1, area.width)) }
    let noteHeight = min(noteRows.count, area.height / 2)
    let parts = area.rows([.fill(), .fixed(noteHeight)])
    if model.stages.isEmpty {
      buffer.write(model.stateName == nil ? "no state yet" : "no data yet", at: parts[0].origin,
                   style: .plain.dimmed(), clip: parts[0])
    } else {
      buffer.render(JSONTreeView(value: model.stagesValue, state: tree, focused: focused), in: parts[0])
    }
    if noteHeight > 0 {
      buffer.render(TextView(lines: notes), in: parts[1])
    }
  }

  mutating func navigate(_ key: Key, _ view: SessionView, pageSize: Int) {
    _ = tree.handle(key, value: view.stateIO.stagesValue, pageSize: pageSize)
  }
}

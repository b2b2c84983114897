import TerminalUI

/// The State I/O pane: the data-flow stages of the selected (or current) state as a foldable JSON
/// tree, then why the state did what it did (teaching notes go to the log). `enter` on a leaf shows it
/// whole; on a container it folds.
public struct StateIOPane: Sendable {
  public var tree = Self.freshTree

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
    let notes: [TextLine] = model.explanation.map { line in
      if line.hasSuffix("→ matched") || line.contains("caught it") { return TextLine(line, style: Style(foreground: .green, bold: true)) }
      if line.hasSuffix("→ no") { return TextLine(line, style: .plain.dimmed()) }
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

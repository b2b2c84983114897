import TerminalUI

/// The headings of the `?` overlay, in the order shown.
enum KeySection: String, CaseIterable, Sendable {
  case stepping = "Stepping"
  case breakpoints = "Breakpoints"
  case pending = "Pending tokens and tasks"
  case panes = "Panes"
  case other = "Other"
}

extension Key {
  /// The keys a scrolling text box takes (`ScrollState.handle`).
  static let scrollKeys: [Key] = [
    .up, .down, .pageUp, .pageDown, .home, .end, .left, .right,
    .character("k"), .character("j"), .character("g"), .character("G"), .character("h"), .character("l"),
  ]
}

/// A key as an action receives it, with the screen it was pressed on (for paging and boxes).
struct KeyInput: Sendable {
  var key: Key
  var screen: Size

  /// How far page up/down move in lists and editors.
  var pageSize: Int { max(1, screen.height / 3) }
}

/// One key binding: the keys, what they do, and how the key bar and the help overlay describe
/// them. As with lazygit's `GetKeybindings()`, lists of these are the only place keys are
/// written: dispatch, the key bar and the help overlay all read them.
struct KeyBinding<Target, Outcome>: Sendable {
  /// The keys that run the action.
  var keys: [Key]
  /// The keys as the bar and help write them (`s`, `↑↓←→ hjkl`).
  var label: String
  /// A word or two for the key bar (`step`).
  var name: String
  /// The help overlay's line (nil: the binding is not listed there).
  var help: String?
  /// The help heading it is listed under.
  var section: KeySection
  /// Whether the key bar shows it now (nil: never); the bar lists only keys that do something.
  var showInBar: (@Sendable (Target) -> Bool)?
  /// Kept at the end of the bar while other hints are dropped for room.
  var pinned: Bool
  /// Whether the bar keeps it before the other hints now (what matters most in this situation).
  var preferInBar: (@Sendable (Target) -> Bool)?
  var action: @Sendable (inout Target, KeyInput) -> Outcome

  init(
    _ keys: [Key], label: String? = nil, name: String, help: String? = nil,
    section: KeySection = .other, showInBar: (@Sendable (Target) -> Bool)? = nil,
    pinned: Bool = false, preferInBar: (@Sendable (Target) -> Bool)? = nil, action: @escaping @Sendable (inout Target, KeyInput) -> Outcome
  ) {
    self.keys = keys
    self.label = label ?? keys.first?.name ?? ""
    self.name = name
    self.help = help
    self.section = section
    self.showInBar = showInBar
    self.pinned = pinned
    self.preferInBar = preferInBar
    self.action = action
  }

  /// The binding as a key bar or help entry.
  var barHint: KeyHint { KeyHint(label, name) }
}

/// A binding of the main screen: it changes the app state and asks the runner for effects.
typealias AppKeyBinding = KeyBinding<AppState, [AppEffect]>

/// What a key does to a modal box: it stays open, or closes with these effects.
enum OverlayOutcome: Equatable, Sendable {
  case stay
  case close([AppEffect])
}

extension Array {
  /// The first binding that takes `key`.
  func binding<Target, Outcome>(for key: Key) -> Element?
  where Element == KeyBinding<Target, Outcome> {
    first { $0.keys.contains(key) }
  }

  /// Runs the binding that takes `input`'s key on `target`; nil when none takes it.
  func run<Target, Outcome>(_ input: KeyInput, on target: inout Target) -> Outcome?
  where Element == KeyBinding<Target, Outcome> {
    guard let binding = binding(for: input.key) else { return nil }
    return binding.action(&target, input)
  }

  /// The key bar for `target`: the bindings it shows now, those it keeps first, and those
  /// pinned at its end.
  func keyBar<Target, Outcome>(for target: Target) -> KeyHintBar
  where Element == KeyBinding<Target, Outcome> {
    let shown = filter { $0.showInBar?(target) == true }
    return KeyHintBar(
      hints: shown.filter { !$0.pinned }.map(\.barHint), pinned: shown.filter(\.pinned).map(\.barHint),
      preferred: shown.filter { $0.preferInBar?(target) == true }.map(\.barHint))
  }

  /// The bindings' keys and names as one line for a box's hint row (`ctrl-s send · esc cancel`).
  func hintLine<Target, Outcome>() -> String where Element == KeyBinding<Target, Outcome> {
    map { "\($0.label) \($0.name)" }.joined(separator: " · ")
  }
}

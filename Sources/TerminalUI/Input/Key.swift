/// A key press, decoded from whatever the terminal sent.
public enum Key: Hashable, Sendable {
  /// A printable character (including space and upper-case letters: `S` is shift-s).
  case character(Character)
  /// Control plus a letter or one of `@[\]^_`, stored lower-case (`ctrl("c")`).
  case ctrl(Character)
  /// Alt (meta) plus a character.
  case alt(Character)
  case enter, escape, tab, backTab, backspace, delete, insert
  case up, down, left, right, home, end, pageUp, pageDown
  /// F1 … F24.
  case function(Int)

  /// Decodes one character of terminal input (not a curses function-key code): control
  /// characters become their named keys or `ctrl`, everything else is `character`.
  public static func decode(_ scalar: Unicode.Scalar) -> Key {
    switch scalar.value {
    case 0x0D, 0x0A: return .enter
    case 0x09: return .tab
    case 0x1B: return .escape
    case 0x7F, 0x08: return .backspace
    case 0x00: return .ctrl("@")
    case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(scalar.value + 0x60)!))
    case 0x1C...0x1F: return .ctrl(Character(Unicode.Scalar(scalar.value + 0x40)!))
    default: return .character(Character(scalar))
    }
  }

  /// Parses a key name as written in help and key bindings: `s`, `S`, `enter`, `esc`, `tab`,
  /// `shift-tab`, `backspace`, `delete`, `up`…, `pgup`, `pgdn`, `home`, `end`, `F5`, `ctrl-c`,
  /// `alt-x`, `space`.
  public init?(name: String) {
    let lower = name.lowercased()
    switch lower {
    case "enter", "return": self = .enter
    case "esc", "escape": self = .escape
    case "tab": self = .tab
    case "shift-tab", "backtab", "btab": self = .backTab
    case "backspace", "bs": self = .backspace
    case "delete", "del": self = .delete
    case "insert", "ins": self = .insert
    case "up", "↑": self = .up
    case "down", "↓": self = .down
    case "left", "←": self = .left
    case "right", "→": self = .right
    case "home": self = .home
    case "end": self = .end
    case "pgup", "pageup": self = .pageUp
    case "pgdn", "pagedown": self = .pageDown
    case "space": self = .character(" ")
    default:
      if name.count == 1, let character = name.first {
        self = .character(character)
      } else if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last {
        self = .ctrl(c)
      } else if lower.hasPrefix("alt-"), name.count == 5, let c = name.last {
        self = .alt(c)
      } else if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
        self = .function(n)
      } else {
        return nil
      }
    }
  }

  /// The key's name as shown in help (round-trips through `init(name:)`).
  public var name: String {
    switch self {
    case .character(" "): return "space"
    case .character(let c): return String(c)
    case .ctrl(let c): return "ctrl-\(c)"
    case .alt(let c): return "alt-\(c)"
    case .enter: return "enter"
    case .escape: return "esc"
    case .tab: return "tab"
    case .backTab: return "shift-tab"
    case .backspace: return "backspace"
    case .delete: return "delete"
    case .insert: return "insert"
    case .up: return "up"
    case .down: return "down"
    case .left: return "left"
    case .right: return "right"
    case .home: return "home"
    case .end: return "end"
    case .pageUp: return "pgup"
    case .pageDown: return "pgdn"
    case .function(let n): return "F\(n)"
    }
  }

  /// The printable character, if this key types one.
  public var typedCharacter: Character? {
    if case .character(let c) = self { return c }
    return nil
  }
}

/// A mouse event at a cell.
public struct MouseEvent: Hashable, Sendable {
  /// What the mouse did.
  public enum Kind: Hashable, Sendable {
    /// A button was pressed (or clicked): 1 left, 2 middle, 3 right.
    case press(button: Int)
    /// A button was released.
    case release(button: Int)
    case scrollUp
    case scrollDown
  }

  public var kind: Kind
  public var position: Point

  public init(_ kind: Kind, at position: Point) {
    self.kind = kind
    self.position = position
  }
}

/// Something that happened at the terminal.
public enum TerminalEvent: Hashable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  /// The terminal now has this size; the next frame must be drawn in full.
  case resize(Size)
}

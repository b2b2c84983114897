import CNcursesw
import TerminalUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real terminal, through ncursesw: the only code that talks to curses.
///
/// `start()` sets the locale for UTF-8, initialises curses (raw mode, no echo, keypad, no newline
/// translation, hidden cursor, mouse clicks, colours with the terminal's default colours when
/// available) and installs handlers that restore the terminal on SIGINT/SIGTERM/SIGHUP/SIGQUIT,
/// on crash signals and at exit. `stop()` (also run on deinit) restores it.
///
/// Use from one thread only. Only one instance may be started at a time (curses has one screen).
public final class CursesBackend: TerminalBackend {
  /// Choices made at start.
  public struct Options: Hashable, Sendable {
    /// Use colours if the terminal has them (also off when `NO_COLOR` is set).
    public var colors: Bool
    /// Report mouse clicks and wheel scrolls.
    public var mouse: Bool
    /// Raw mode (ctrl-c, ctrl-z, ctrl-s arrive as keys) instead of cbreak (they send signals).
    public var raw: Bool
    /// Milliseconds curses waits after an escape for the rest of a key sequence.
    public var escapeDelay: Int

    public init(colors: Bool = true, mouse: Bool = true, raw: Bool = true, escapeDelay: Int = 25) {
      self.colors = colors
      self.mouse = mouse
      self.raw = raw
      self.escapeDelay = escapeDelay
    }
  }

  /// Why the backend could not start.
  public struct StartError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  public let options: Options
  /// Whether curses is active (between `start()` and `stop()`).
  public private(set) var isActive = false
  /// Whether colours are in use.
  public private(set) var usesColors = false
  private var colorCount = 0
  private var pairLimit = 0
  private var pairs: [ColorKey: Int32] = [:]
  private var codepoints: [UInt32] = []

  private struct ColorKey: Hashable {
    var foreground: Int32
    var background: Int32
  }

  public init(options: Options = Options()) {
    self.options = options
  }

  deinit { stop() }

  /// Whether standard input and output are both terminals (curses needs them).
  public static var hasTerminal: Bool { isatty(0) == 1 && isatty(1) == 1 }

  /// Initialises curses and takes over the terminal.
  public func start() throws {
    guard !isActive else { return }
    guard Self.hasTerminal else { throw StartError(message: "standard input/output is not a terminal") }
    sfdbg_setlocale_all()
    // Installed before initscr so that ncurses keeps its hands off SIGINT/SIGTERM: our handler
    // restores the terminal and then lets the signal do what it did before (usually terminate).
    sfdbg_install_cleanup_handlers()
    guard sfdbg_terminal_known() != 0 else {
      let term = getenv("TERM").map { String(cString: $0) } ?? ""
      throw StartError(
        message: "the terminal type TERM='\(term)' is unknown to this system's terminfo; "
          + "set TERM=xterm-256color (or another type `toe -a` lists) and try again")
    }
    guard initscr() != nil else { throw StartError(message: "cannot initialise the terminal (initscr failed)") }
    isActive = true
    if options.raw { raw() } else { cbreak() }
    noecho()
    nonl()
    keypad(sfdbg_stdscr(), true)
    intrflush(sfdbg_stdscr(), false)
    set_escdelay(Int32(options.escapeDelay))
    curs_set(0)
    if options.mouse {
      let mask =
        sfdbg_button1_pressed() | sfdbg_button1_released() | sfdbg_button1_clicked()
        | sfdbg_button2_pressed() | sfdbg_button2_released() | sfdbg_button2_clicked()
        | sfdbg_button3_pressed() | sfdbg_button3_released() | sfdbg_button3_clicked()
        | sfdbg_button4_pressed() | sfdbg_button5_pressed()
      mousemask(mask, nil)
      mouseinterval(0)
    }
    let noColorRequested = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
    if options.colors && !noColorRequested && has_colors() {
      start_color()
      usesColors = true
      colorCount = Int(sfdbg_colors())
      pairLimit = Int(min(sfdbg_color_pairs(), 32767))
      // Fall back to white-on-black for "default" when the terminal cannot keep its own colours.
      if use_default_colors() != sfdbg_ok() { defaultColorsUnavailable = true }
    }
    clearScreen()
  }

  private var defaultColorsUnavailable = false

  /// Restores the terminal. Safe to call more than once.
  public func stop() {
    guard isActive else { return }
    isActive = false
    curs_set(1)
    if options.mouse { mousemask(0, nil) }
    endwin()
  }

  /// Clears the real screen (the next frame should be drawn in full).
  public func clearScreen() {
    guard isActive else { return }
    werase(sfdbg_stdscr())
    clearok(sfdbg_stdscr(), true)
    wrefresh(sfdbg_stdscr())
  }

  public var size: Size {
    guard isActive else { return .zero }
    var rows: Int32 = 0
    var columns: Int32 = 0
    sfdbg_getmaxyx(sfdbg_stdscr(), &rows, &columns)
    return Size(width: Int(columns), height: Int(rows))
  }

  public func draw(_ changes: [CellChange]) {
    guard isActive else { return }
    for change in changes where !change.cell.isContinuation {
      drawCell(change.cell, at: change.position)
    }
    wrefresh(sfdbg_stdscr())
  }

  private func drawCell(_ cell: Cell, at position: Point) {
    codepoints.removeAll(keepingCapacity: true)
    for scalar in cell.character.unicodeScalars.prefix(4) { codepoints.append(scalar.value) }
    if codepoints.isEmpty || CharacterWidth.of(cell.character) == 0 { codepoints = [0x20] }
    let (attributes, pair) = attributesAndPair(for: cell.style)
    _ = codepoints.withUnsafeBufferPointer { buffer in
      sfdbg_draw_cell(
        Int32(position.y), Int32(position.x), buffer.baseAddress, Int32(buffer.count), attributes,
        pair)
    }
  }

  /// The curses attributes and colour pair for a style. Without colours the attributes alone
  /// carry the meaning; bright colours on an 8-colour terminal become the base colour in bold.
  private func attributesAndPair(for style: Style) -> (UInt32, Int32) {
    var attributes = sfdbg_a_normal()
    if style.bold { attributes |= sfdbg_a_bold() }
    if style.dim { attributes |= sfdbg_a_dim() }
    if style.reverse { attributes |= sfdbg_a_reverse() }
    if style.underline { attributes |= sfdbg_a_underline() }
    if style.italic { attributes |= sfdbg_a_italic() }
    guard usesColors else { return (attributes, 0) }
    var foreground = style.foreground
    var background = style.background
    if colorCount < 16 {
      if foreground.isBright {
        foreground = foreground.normalIntensity
        attributes |= sfdbg_a_bold()
      }
      background = background.normalIntensity
    }
    var fg = Int32(foreground.rawValue)
    var bg = Int32(background.rawValue)
    if defaultColorsUnavailable {
      if fg < 0 { fg = Int32(TerminalColor.white.rawValue) }
      if bg < 0 { bg = Int32(TerminalColor.black.rawValue) }
    }
    if fg == -1 && bg == -1 { return (attributes, 0) }
    return (attributes, pair(foreground: fg, background: bg))
  }

  private func pair(foreground: Int32, background: Int32) -> Int32 {
    let key = ColorKey(foreground: foreground, background: background)
    if let existing = pairs[key] { return existing }
    let number = Int32(pairs.count + 1)
    guard Int(number) < pairLimit else { return 0 }
    init_pair(Int16(number), Int16(foreground), Int16(background))
    pairs[key] = number
    return number
  }

  public func nextEvent(timeout: Duration?) -> TerminalEvent? {
    guard isActive else { return nil }
    let screen = sfdbg_stdscr()
    wtimeout(screen, timeout.map(Self.milliseconds) ?? -1)
    while true {
      var input: wint_t = 0
      let status = wget_wch(screen, &input)
      if status == sfdbg_err() { return nil }
      if status == sfdbg_key_code_yes() {
        let code = Int32(input)
        if code == sfdbg_key_resize() {
          clearok(screen, true)
          return .resize(size)
        }
        if code == sfdbg_key_mouse() {
          if let mouse = readMouse() { return .mouse(mouse) }
          continue
        }
        if let key = Self.functionKey(code) { return .key(key) }
        continue  // a key we do not know: wait for the next one
      }
      guard let scalar = Unicode.Scalar(UInt32(input)) else { continue }
      let key = Key.decode(scalar)
      if key == .escape {
        // An escape followed at once by a character is alt+character.
        wtimeout(screen, 0)
        var next: wint_t = 0
        if wget_wch(screen, &next) == sfdbg_ok(), let follow = Unicode.Scalar(UInt32(next)),
          case .character(let c) = Key.decode(follow)
        {
          return .key(.alt(c))
        }
      }
      return .key(key)
    }
  }

  private static func milliseconds(_ duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    return Int32(clamping: max(0, ms))
  }

  private func readMouse() -> MouseEvent? {
    var event = MEVENT()
    guard getmouse(&event) == sfdbg_ok() else { return nil }
    let state = event.bstate
    let position = Point(x: Int(event.x), y: Int(event.y))
    let presses: [(mmask_t, Int)] = [
      (sfdbg_button1_pressed() | sfdbg_button1_clicked(), 1),
      (sfdbg_button2_pressed() | sfdbg_button2_clicked(), 2),
      (sfdbg_button3_pressed() | sfdbg_button3_clicked(), 3),
    ]
    for (mask, button) in presses where state & mask != 0 {
      return MouseEvent(.press(button: button), at: position)
    }
    let releases: [(mmask_t, Int)] = [
      (sfdbg_button1_released(), 1), (sfdbg_button2_released(), 2), (sfdbg_button3_released(), 3),
    ]
    for (mask, button) in releases where state & mask != 0 {
      return MouseEvent(.release(button: button), at: position)
    }
    if state & sfdbg_button4_pressed() != 0 { return MouseEvent(.scrollUp, at: position) }
    if state & sfdbg_button5_pressed() != 0 { return MouseEvent(.scrollDown, at: position) }
    return nil
  }

  /// The key for a curses function-key code (`KEY_UP`, `KEY_BTAB`, `KEY_F(n)`…), nil if unknown.
  public static func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP, KEY_SR: return .up
    case KEY_DOWN, KEY_SF: return .down
    case KEY_LEFT, KEY_SLEFT: return .left
    case KEY_RIGHT, KEY_SRIGHT: return .right
    case KEY_HOME, KEY_SHOME, KEY_A1: return .home
    case KEY_END, KEY_SEND, KEY_C1: return .end
    case KEY_PPAGE, KEY_A3: return .pageUp
    case KEY_NPAGE, KEY_C3: return .pageDown
    case KEY_BACKSPACE: return .backspace
    case KEY_DC, KEY_SDC: return .delete
    case KEY_IC: return .insert
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    default:
      let f0 = sfdbg_key_f0()
      if code > f0 && code <= f0 + 24 { return .function(Int(code - f0)) }
      return nil
    }
  }
}

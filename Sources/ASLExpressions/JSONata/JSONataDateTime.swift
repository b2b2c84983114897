import Foundation
import JSONCore

/// `$fromMillis`, `$toMillis` and `$now` with XPath fn:format-dateTime pictures and timezone
/// offsets, ported from jsonata-js 2.2 src/datetime.js. Dates are proleptic Gregorian in UTC,
/// as JavaScript's `Date` computes them.
enum JSONataDateTime {
  typealias IntegerFormat = JSONataIntegerFormat

  static func fail(_ code: String, _ message: String) -> JSONataError {
    JSONataError(code: code, message: message)
  }

  static let millisInADay = 86_400_000.0
  static let days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  // MARK: Calendar arithmetic (JavaScript Date in UTC)

  /// Days since 1970-01-01 of a proleptic Gregorian date.
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    ASLTimestamp.daysFromCivil(year, month, day)
  }

  /// Year, month (1-12), day of a day count since the epoch.
  static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// `Date.UTC(year, month0, day, h, m, s, ms)`: fields overflow into the next, years 0-99
  /// mean 1900-1999.
  static func utc(
    _ year: Double, _ month0: Double = 0, _ day: Double = 1, _ h: Double = 0, _ m: Double = 0,
    _ s: Double = 0, _ ms: Double = 0
  ) -> Double {
    let fields = [year, month0, day, h, m, s, ms]
    guard fields.allSatisfy({ $0.isFinite }) else { return .nan }
    var y = year.rounded(.towardZero)
    if y >= 0 && y <= 99 { y += 1900 }
    let mo = month0.rounded(.towardZero)
    let ym = y + (mo / 12).rounded(.down)
    let mn = mo - 12 * (mo / 12).rounded(.down)
    guard abs(ym) < 400_000 else { return .nan }
    let dayCount = Double(daysFromCivil(Int(ym), Int(mn) + 1, 1)) + day.rounded(.towardZero) - 1
    let time =
      h.rounded(.towardZero) * 3_600_000 + m.rounded(.towardZero) * 60_000
      + s.rounded(.towardZero) * 1000 + ms.rounded(.towardZero)
    return dayCount * millisInADay + time
  }

  /// The UTC fields of a time value, as `getUTC…` reads them.
  struct DateFields {
    /// JavaScript's Date range: ±8.64e15 ms (100,000,000 days) around the epoch.
    static let limit = 8.64e15
    let millis: Double

    init(millis: Double) {
      self.millis = millis.isNaN ? 0 : max(-Self.limit, min(Self.limit, millis))
    }

    var dayNumber: Int { Int((millis / JSONataDateTime.millisInADay).rounded(.down)) }
    var civil: (year: Int, month: Int, day: Int) { JSONataDateTime.civilFromDays(dayNumber) }
    var timeInDay: Int { Int(millis - Double(dayNumber) * JSONataDateTime.millisInADay) }
    var year: Int { civil.year }
    /// 0-11, as getUTCMonth.
    var month: Int { civil.month - 1 }
    var date: Int { civil.day }
    /// 0 = Sunday, as getUTCDay.
    var weekday: Int { ((dayNumber % 7) + 7 + 4) % 7 }
    var hours: Int { timeInDay / 3_600_000 }
    var minutes: Int { (timeInDay / 60_000) % 60 }
    var seconds: Int { (timeInDay / 1000) % 60 }
    var milliseconds: Int { timeInDay % 1000 }
  }

  /// Millis of the Monday starting the first week of a year or month (ISO 8601: the week with
  /// the first Thursday).
  static func startOfFirstWeek(_ year: Int, _ month: Int) -> Double {
    let first = utc(Double(year), Double(month))
    var day = DateFields(millis: first).weekday
    if day == 0 { day = 7 }
    return day > 4
      ? first + Double(8 - day) * millisInADay : first - Double(day - 1) * millisInADay
  }

  static func nextMonth(_ y: Int, _ m: Int) -> (Int, Int) { m == 11 ? (y + 1, 0) : (y, m + 1) }
  static func previousMonth(_ y: Int, _ m: Int) -> (Int, Int) { m == 0 ? (y - 1, 11) : (y, m - 1) }

  static func deltaWeeks(_ start: Double, _ end: Double) -> Double {
    (end - start) / (millisInADay * 7) + 1
  }

  enum Fragment {
    case number(Int)
    case text(String)
    case none
  }

  /// `getDateTimeFragment`.
  static func fragment(_ date: DateFields, _ component: Character) -> Fragment {
    switch component {
    case "Y": return .number(date.year)
    case "M": return .number(date.month + 1)
    case "D": return .number(date.date)
    case "d":
      let today = utc(Double(date.year), Double(date.month), Double(date.date))
      let firstJan = utc(Double(date.year), 0)
      return .number(Int((today - firstJan) / millisInADay) + 1)
    case "F":
      let day = date.weekday
      return .number(day == 0 ? 7 : day)
    case "W":
      let year = date.year
      let startOfWeek1 = startOfFirstWeek(year, 0)
      let today = utc(Double(year), Double(date.month), Double(date.date))
      var week = deltaWeeks(startOfWeek1, today)
      if week > 52 {
        if today >= startOfFirstWeek(year + 1, 0) { week = 1 }
      } else if week < 1 {
        week = deltaWeeks(startOfFirstWeek(year - 1, 0), today)
      }
      return .number(Int(week.rounded(.down)))
    case "w":
      let (year, month) = (date.year, date.month)
      let startOfWeek1 = startOfFirstWeek(year, month)
      let today = utc(Double(year), Double(month), Double(date.date))
      var week = deltaWeeks(startOfWeek1, today)
      if week > 4 {
        let (ny, nm) = nextMonth(year, month)
        if today >= startOfFirstWeek(ny, nm) { week = 1 }
      } else if week < 1 {
        let (py, pm) = previousMonth(year, month)
        week = deltaWeeks(startOfFirstWeek(py, pm), today)
      }
      return .number(Int(week.rounded(.down)))
    case "X":
      let year = date.year
      if date.millis < startOfFirstWeek(year, 0) { return .number(year - 1) }
      if date.millis >= startOfFirstWeek(year + 1, 0) { return .number(year + 1) }
      return .number(year)
    case "x":
      let (year, month) = (date.year, date.month)
      let (ny, nm) = nextMonth(year, month)
      if date.millis < startOfFirstWeek(year, month) {
        return .number(previousMonth(year, month).1 + 1)
      }
      if date.millis >= startOfFirstWeek(ny, nm) { return .number(nm + 1) }
      return .number(month + 1)
    case "H": return .number(date.hours)
    case "h":
      let h = date.hours % 12
      return .number(h == 0 ? 12 : h)
    case "P": return .text(date.hours >= 12 ? "pm" : "am")
    case "m": return .number(date.minutes)
    case "s": return .number(date.seconds)
    case "f": return .number(date.milliseconds)
    case "C", "E": return .text("ISO")
    default: return .none
    }
  }

  // MARK: Picture analysis

  struct Width {
    var min: Int?
    var max: Int?
  }

  struct Marker {
    var component: Character
    var width: Width?
    var presentation1: String
    var presentation2: Character?
    var ordinal = false
    var names: IntegerFormat.Case?
    var integerFormat: IntegerFormat.Format?
    var n = -1
  }

  enum Part {
    case literal(String)
    case marker(Marker)
  }

  static let defaultPresentation: [Character: String] = [
    "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1",
    "H": "1", "h": "1", "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01",
    "C": "n", "E": "n",
  ]

  /// `analyseDateTimePicture`.
  static func analyse(_ pictureText: String) throws(JSONataError) -> [Part] {
    let picture = Array(pictureText)
    var spec: [Part] = []
    func addLiteral(_ start: Int, _ end: Int) {
      guard end > start else { return }
      let literal = String(picture[start..<end]).replacingOccurrences(of: "]]", with: "]")
      spec.append(.literal(literal))
    }
    var start = 0
    var pos = 0
    while pos < picture.count {
      if picture[pos] == "[" {
        if pos + 1 < picture.count && picture[pos + 1] == "[" {
          addLiteral(start, pos)
          spec.append(.literal("["))
          pos += 2
          start = pos
          continue
        }
        addLiteral(start, pos)
        start = pos
        guard let close = picture[start...].firstIndex(of: "]") else {
          throw fail("D3135", "No matching closing bracket ']' in date/time picture string")
        }
        pos = close
        let marker = Array(String(picture[(start + 1)..<pos]).filter { !$0.isWhitespace })
        var def = Marker(component: marker.first ?? " ", presentation1: "")
        let presentation: [Character]
        if let comma = marker.lastIndex(of: ",") {
          let widthModifier = Array(marker[(comma + 1)...])
          func parseWidth(_ w: ArraySlice<Character>?) -> Int? {
            guard let w, String(w) != "*" else { return nil }
            // Clamped: a fuzzed width of 44 digits trapped converting to Int, and no date
            // component needs more than a few hundred characters.
            return IntegerFormat.parseInt(String(w)).map { $0.isFinite ? Int(min(max($0, 0), 1_000)) : 0 }
          }
          if let dash = widthModifier.firstIndex(of: "-") {
            def.width = Width(
              min: parseWidth(widthModifier[..<dash]), max: parseWidth(widthModifier[(dash + 1)...]))
          } else {
            def.width = Width(min: parseWidth(widthModifier[...]), max: nil)
          }
          presentation = Array(marker[1..<max(1, comma)])
        } else {
          presentation = Array(marker.dropFirst())
        }
        var p1: String?
        if presentation.count == 1 {
          p1 = String(presentation)
        } else if presentation.count > 1 {
          let last = presentation[presentation.count - 1]
          if "atco".contains(last) {
            def.presentation2 = last
            if last == "o" { def.ordinal = true }
            p1 = String(presentation.dropLast())
          } else {
            p1 = String(presentation)
          }
        } else {
          p1 = defaultPresentation[def.component]
        }
        guard let presentation1 = p1 else {
          throw fail(
            "D3132", "Unknown component specifier \(def.component) in date/time picture string")
        }
        def.presentation1 = presentation1
        let p = Array(presentation1)
        if p.first == "n" {
          def.names = .lower
        } else if p.first == "N" {
          def.names = p.count > 1 && p[1] == "n" ? .title : .upper
        } else if "YMDdFWwXxHhmsf".contains(def.component) {
          var integerPattern = presentation1
          if let p2 = def.presentation2 { integerPattern += ";" + String(p2) }
          var format = try IntegerFormat.analyse(integerPattern)
          // Only a decimal pattern has digit counts; for the others jsonata-js compares
          // undefined, which is never true.
          let isDecimal = format.primary == .decimal
          if isDecimal, let minWidth = def.width?.min, format.mandatoryDigits < minWidth {
            format.mandatoryDigits = minWidth
          }
          if def.component == "Y" {
            def.n = -1
            if let maxWidth = def.width?.max {
              def.n = maxWidth
              format.mandatoryDigits = maxWidth
            } else if isDecimal {
              let w = format.mandatoryDigits + format.optionalDigits
              if w >= 2 { def.n = w }
            }
          }
          def.integerFormat = format
          if case .marker(var previous)? = spec.last, var previousFormat = previous.integerFormat {
            previousFormat.parseWidth = previousFormat.mandatoryDigits
            previous.integerFormat = previousFormat
            spec[spec.count - 1] = .marker(previous)
          }
        }
        if def.component == "Z" || def.component == "z" {
          def.integerFormat = try IntegerFormat.analyse(presentation1)
        }
        spec.append(.marker(def))
        start = pos + 1
      }
      pos += 1
    }
    addLiteral(start, pos)
    return spec
  }

  static let iso8601Picture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

  // MARK: Formatting

  /// `formatDateTime(millis, picture, timezone)`.
  static func format(millis: Double, picture: String?, timezone: String?) throws(JSONataError)
    -> String
  {
    var offsetHours = 0
    var offsetMinutes = 0
    if let timezone, let offset = IntegerFormat.parseInt(timezone) {
      // JavaScript's Math.floor and %: "-0530" gives -6 hours and -30 minutes (kept as is).
      offsetHours = Int((offset / 100).rounded(.down))
      offsetMinutes = Int(offset.truncatingRemainder(dividingBy: 100))
    }
    let spec = try analyse(picture ?? iso8601Picture)
    let offsetMillis = Double((60 * offsetHours + offsetMinutes) * 60 * 1000)
    let date = DateFields(millis: millis + offsetMillis)
    var result = ""
    for part in spec {
      switch part {
      case .literal(let text): result += text
      case .marker(let marker):
        result += try formatComponent(date, marker, offsetHours, offsetMinutes)
      }
    }
    return result
  }

  static func formatComponent(
    _ date: DateFields, _ marker: Marker, _ offsetHours: Int, _ offsetMinutes: Int
  ) throws(JSONataError) -> String {
    let value = fragment(date, marker.component)
    let c = marker.component
    if "YMDdFWwXxHhms".contains(c) {
      guard case .number(var n) = value else { return "" }
      if c == "Y" && marker.n != -1 {
        let modulus = max(1, Int(pow(10, Double(min(18, marker.n)))))
        n = n % modulus
      }
      if let names = marker.names {
        var name: String
        if c == "M" || c == "x" {
          name = n >= 1 && n <= 12 ? months[n - 1] : ""
        } else if c == "F" {
          name = n >= 0 && n < days.count ? days[n] : ""
        } else {
          throw fail(
            "D3133",
            "The 'name' modifier can only be applied to months and days in the date/time picture string, not \(c)"
          )
        }
        if names == .upper {
          name = name.uppercased()
        } else if names == .lower {
          name = name.lowercased()
        }
        if let maxWidth = marker.width?.max, name.count > maxWidth {
          name = String(name.prefix(maxWidth))
        }
        return name
      }
      return try IntegerFormat.format(Double(n), marker.integerFormat ?? IntegerFormat.Format())
    }
    if c == "f" {
      guard case .number(let n) = value else { return "" }
      return try IntegerFormat.format(Double(n), marker.integerFormat ?? IntegerFormat.Format())
    }
    if c == "Z" || c == "z" {
      let offset = offsetHours * 100 + offsetMinutes
      let format = marker.integerFormat ?? IntegerFormat.Format()
      var text: String
      if format.regular {
        text = try IntegerFormat.format(Double(offset), format)
      } else {
        let digits = format.mandatoryDigits
        if digits == 1 || digits == 2 {
          text = try IntegerFormat.format(Double(offsetHours), format)
          if offsetMinutes != 0 {
            text += ":" + (try IntegerFormat.formatInteger(Double(offsetMinutes), picture: "00"))
          }
        } else if digits == 3 || digits == 4 {
          text = try IntegerFormat.format(Double(offset), format)
        } else {
          throw fail(
            "D3134", "The timezone integer format specifier cannot have more than four digits")
        }
      }
      if offset >= 0 { text = "+" + text }
      if c == "z" { text = "GMT" + text }
      if offset == 0 && marker.presentation2 == "t" { text = "Z" }
      return text
    }
    switch value {
    case .text(let s): return c == "P" && marker.names == .upper ? s.uppercased() : s
    case .number(let n): return String(n)
    case .none: return ""
    }
  }

  // MARK: Parsing

  /// `$toMillis(timestamp)` without a picture: ISO 8601 as jsonata-js accepts it, read as
  /// `Date.parse` does (UTC when no offset is given).
  static func parseISO(_ timestamp: String) throws(JSONataError) -> Double? {
    let pattern =
      "^(\\d{4})(-[01]\\d)?(-[0-3]\\d)?(T([0-2]\\d):([0-5]\\d):([0-5]\\d))?(\\.\\d+)?([+-][0-2]\\d:?[0-5]\\d|Z)?$"
    let regex = try! NSRegularExpression(pattern: pattern)
    let ns = timestamp as NSString
    guard
      let m = regex.firstMatch(
        in: timestamp, range: NSRange(location: 0, length: ns.length))
    else {
      throw fail(
        "D3110",
        "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given \(timestamp)"
      )
    }
    func group(_ i: Int) -> String? {
      let r = m.range(at: i)
      return r.location == NSNotFound ? nil : ns.substring(with: r)
    }
    func number(_ s: String?) -> Double { Double(s ?? "") ?? 0 }
    let year = number(group(1))
    let month = group(2).map { number(String($0.dropFirst())) } ?? 1
    let day = group(3).map { number(String($0.dropFirst())) } ?? 1
    // Date.parse rejects a fraction without a time, and out-of-range fields: NaN.
    if group(8) != nil && group(4) == nil { return nil }
    guard month >= 1, month <= 12, day >= 1, day <= 31 else { return nil }
    let hour = number(group(5))
    let minute = number(group(6))
    let second = number(group(7))
    guard hour <= 24 else { return nil }
    var ms = 0.0
    if let fraction = group(8) {
      ms = (Double("0" + fraction) ?? 0) * 1000
      ms = ms.rounded(.down)
    }
    // V8 takes any day 1-31 and lets it run into the next month (2018-02-30 is 2 March).
    var millis =
      (Double(daysFromCivil(Int(year), Int(month), 1)) + day - 1) * millisInADay + hour * 3_600_000
      + minute * 60_000 + second * 1000 + ms
    if let zone = group(9), zone != "Z" {
      let sign: Double = zone.hasPrefix("-") ? -1 : 1
      let digits = zone.dropFirst().filter { $0 != ":" }
      let hours = Double(digits.prefix(2)) ?? 0
      let minutes = Double(digits.dropFirst(2)) ?? 0
      millis -= sign * (hours * 60 + minutes) * 60_000
    }
    return millis
  }

  /// `parseDateTime(timestamp, picture)`: nil when the timestamp does not match.
  static func parse(_ timestamp: String, picture: String, nowMillis: Double) throws(JSONataError)
    -> Double?
  {
    let spec = try analyse(picture)
    var matchers: [IntegerFormat.Matcher] = []
    for part in spec {
      switch part {
      case .literal(let text):
        matchers.append(IntegerFormat.Matcher(regex: NSRegularExpression.escapedPattern(for: text), parse: nil, component: nil))
      case .marker(let marker):
        matchers.append(try componentMatcher(marker))
      }
    }
    let full = "^" + matchers.map { "(" + $0.regex + ")" }.joined() + "$"
    guard let regex = try? NSRegularExpression(pattern: full, options: [.caseInsensitive]) else {
      return nil
    }
    let ns = timestamp as NSString
    guard let m = regex.firstMatch(in: timestamp, range: NSRange(location: 0, length: ns.length))
    else { return nil }
    var components: [Character: Double] = [:]
    for (i, matcher) in matchers.enumerated() {
      guard let parse = matcher.parse, let component = matcher.component else { continue }
      let r = m.range(at: i + 1)
      guard r.location != NSNotFound else { continue }
      if let v = parse(ns.substring(with: r)) { components[component] = v }
    }
    if components.isEmpty { return nil }

    var mask = 0
    func shift(_ present: Bool) {
      mask <<= 1
      mask += present ? 1 : 0
    }
    func isType(_ type: Int) -> Bool { (~type & mask) == 0 && (type & mask) != 0 }
    for c in "YXMxWwdD" { shift(components[c] != nil) }
    let dateA = isType(161)
    let dateB = !dateA && isType(130)
    let dateC = isType(84)
    let dateD = !dateC && isType(72)
    mask = 0
    for c in "PHhmsf" { shift(components[c] != nil) }
    let timeA = isType(23)
    let timeB = !timeA && isType(47)

    let dateComps = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD"
    let timeComps = timeB ? "Phmsf" : "Hmsf"
    let now = DateFields(millis: nowMillis)
    var startSpecified = false
    var endSpecified = false
    for part in dateComps + timeComps {
      if components[part] == nil {
        if startSpecified {
          components[part] = "MDd".contains(part) ? 1 : 0
          endSpecified = true
        } else {
          switch fragment(now, part) {
          case .number(let n): components[part] = Double(n)
          case .text(let s): components[part] = s == "pm" ? 1 : 0
          case .none: components[part] = nil
          }
        }
      } else {
        startSpecified = true
        if endSpecified {
          throw fail(
            "D3136", "The date/time picture string is missing specifiers required to parse the timestamp")
        }
      }
    }
    if let month = components["M"], month > 0 {
      components["M"] = month - 1
    } else {
      components["M"] = 0
    }
    if dateB {
      let firstJan = utc(components["Y"] ?? 0, 0)
      let derived = DateFields(millis: firstJan + ((components["d"] ?? 1) - 1) * millisInADay)
      components["M"] = Double(derived.month)
      components["D"] = Double(derived.date)
    }
    if dateC || dateD {
      throw fail(
        "D3136", "The date/time picture string is missing specifiers required to parse the timestamp")
    }
    if timeB {
      let h = components["h"] ?? 0
      var hour = h == 12 ? 0 : h
      if components["P"] == 1 { hour += 12 }
      components["H"] = hour
    }
    var millis = utc(
      components["Y"] ?? .nan, components["M"] ?? 0, components["D"] ?? 1, components["H"] ?? 0,
      components["m"] ?? 0, components["s"] ?? 0, components["f"] ?? 0)
    if let offset = components["Z"] ?? components["z"], offset != 0 {
      millis -= offset * 60 * 1000
    }
    return millis.isNaN ? nil : millis
  }

  /// `generateRegex` for one marker of a date/time picture.
  static func componentMatcher(_ part: Marker) throws(JSONataError) -> IntegerFormat.Matcher {
    let c = part.component
    if c == "Z" || c == "z" {
      var separator: String?
      if let format = part.integerFormat, format.regular, let first = format.groupingSeparators.first {
        separator = first.character
      }
      var regex = c == "z" ? "GMT" : ""
      regex += "[-+][0-9]+"
      if let separator { regex += NSRegularExpression.escapedPattern(for: separator) + "[0-9]+" }
      return IntegerFormat.Matcher(
        regex: regex,
        parse: { text in
          var value = text
          if c == "z" { value = String(value.dropFirst(3)) }
          var hours = 0.0
          var minutes = 0.0
          if let separator, let r = value.range(of: separator) {
            hours = IntegerFormat.parseInt(String(value[..<r.lowerBound])) ?? .nan
            minutes = IntegerFormat.parseInt(String(value[r.upperBound...])) ?? .nan
          } else if value.count - 1 <= 2 {
            hours = IntegerFormat.parseInt(value) ?? .nan
          } else {
            hours = IntegerFormat.parseInt(String(value.prefix(3))) ?? .nan
            minutes = IntegerFormat.parseInt(String(value.dropFirst(3))) ?? .nan
          }
          return hours * 60 + minutes
        }, component: c)
    }
    if c == "f" {
      return IntegerFormat.Matcher(
        regex: "[0-9]+",
        parse: { text in (Double("0." + text.prefix(3)) ?? 0) * 1000 }, component: c)
    }
    if let format = part.integerFormat {
      var matcher = try IntegerFormat.matcher(format)
      matcher.component = c
      return matcher
    }
    var lookup: [String: Double] = [:]
    if c == "M" || c == "x" {
      for (i, name) in months.enumerated() {
        lookup[part.width?.max.map { String(name.prefix($0)) } ?? name] = Double(i + 1)
      }
    } else if c == "F" {
      for (i, name) in days.enumerated() where i > 0 {
        lookup[part.width?.max.map { String(name.prefix($0)) } ?? name] = Double(i)
      }
    } else if c == "P" {
      lookup = ["am": 0, "AM": 0, "pm": 1, "PM": 1]
    } else {
      throw fail(
        "D3133",
        "The 'name' modifier can only be applied to months and days in the date/time picture string, not \(c)"
      )
    }
    return IntegerFormat.Matcher(regex: "[a-zA-Z]+", parse: { lookup[$0] }, component: c)
  }
}

/// Parsing and formatting of UTC timestamps as seconds since the Unix epoch.
///
/// Exports write dates in several ways: `2024-09-01T00:00:00Z` (FOCUS), `2024-09-01 00:00:00`
/// (FOCUS samples, AWS), `2024-09-01T00:00:00.000+02:00`, plain `2024-09-01`, and US-style
/// `09/01/2024` (some Azure exports). All are converted to UTC seconds.
public enum Timestamp {
  /// The order of day, month and year in slash-separated dates.
  public enum SlashDateOrder: String, Codable, Sendable {
    /// `MM/DD/YYYY`, as in US-locale Azure exports.
    case monthFirst = "month-first"
    /// `DD/MM/YYYY`.
    case dayFirst = "day-first"
  }

  /// Why a timestamp could not be read.
  public enum Failure: Error, Equatable, Sendable {
    /// The text is not a date or date-time this parser understands.
    case malformed
  }

  /// Parses a date or date-time into UTC seconds since 1970-01-01T00:00:00Z.
  /// - Parameters:
  ///   - bytes: UTF-8 text such as `2024-09-01T00:00:00Z` or `09/01/2024`.
  ///   - slashOrder: How to read `a/b/YYYY` dates.
  /// - Returns: Seconds since the Unix epoch, in UTC.
  /// - Throws: `Failure.malformed`.
  public static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>,
    slashOrder: SlashDateOrder = .monthFirst
  ) throws(Failure) -> Int64 {
    var cursor = Cursor(bytes: bytes)
    cursor.skipSpaces()
    let year: Int
    let month: Int
    let day: Int
    if let first = cursor.number(minDigits: 1, maxDigits: 4), cursor.peek == UInt8(ascii: "/") {
      cursor.advance()
      guard let second = cursor.number(minDigits: 1, maxDigits: 2),
        cursor.consume(UInt8(ascii: "/")),
        let fullYear = cursor.number(minDigits: 4, maxDigits: 4)
      else { throw .malformed }
      year = fullYear
      (month, day) = slashOrder == .monthFirst ? (first, second) : (second, first)
    } else {
      cursor.reset()
      cursor.skipSpaces()
      guard let fullYear = cursor.number(minDigits: 4, maxDigits: 4),
        cursor.consume(UInt8(ascii: "-")),
        let monthNumber = cursor.number(minDigits: 1, maxDigits: 2),
        cursor.consume(UInt8(ascii: "-")),
        let dayNumber = cursor.number(minDigits: 1, maxDigits: 2)
      else { throw .malformed }
      (year, month, day) = (fullYear, monthNumber, dayNumber)
    }
    guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else {
      throw .malformed
    }

    var seconds = 0
    if cursor.peek == UInt8(ascii: "T") || cursor.peek == UInt8(ascii: " ") {
      cursor.advance()
      cursor.skipSpaces()
      if !cursor.atEnd {
        seconds = try timeOfDay(&cursor)
      }
    }
    cursor.skipSpaces()
    let offset = try zoneOffset(&cursor)
    cursor.skipSpaces()
    guard cursor.atEnd else { throw .malformed }
    return Int64(daysSinceEpoch(year: year, month: month, day: day)) * 86_400
      + Int64(seconds - offset)
  }

  /// Parses a Swift string; a convenience for command-line values and tests.
  /// - Parameter text: The date or date-time text.
  /// - Returns: Seconds since the Unix epoch, in UTC.
  /// - Throws: `Failure.malformed`.
  public static func parse(_ text: String) throws(Failure) -> Int64 {
    var copy = text
    let result: Result<Int64, Failure> = copy.withUTF8 { buffer in
      do throws(Failure) {
        return .success(try parse(buffer))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Formats UTC seconds as ISO 8601 (`2024-09-01T00:00:00Z`).
  /// - Parameter seconds: Seconds since the Unix epoch.
  /// - Returns: The ISO 8601 text in UTC.
  public static func iso8601(_ seconds: Int64) -> String {
    let (date, time) = civil(seconds)
    return "\(date)T\(pad(time / 3600))"
      + ":\(pad(time / 60 % 60)):\(pad(time % 60))Z"
  }

  /// Formats UTC seconds as a calendar date (`2024-09-01`).
  /// - Parameter seconds: Seconds since the Unix epoch.
  /// - Returns: The date in UTC.
  public static func date(_ seconds: Int64) -> String { civil(seconds).date }

  /// The calendar month of a UTC instant as `year * 100 + month` (`202409`).
  /// - Parameter seconds: Seconds since the Unix epoch.
  /// - Returns: The month key used to group charges.
  public static func monthKey(_ seconds: Int64) -> Int {
    let (year, month, _) = civilDate(days: Int(floorDivide(seconds, 86_400)))
    return year * 100 + month
  }

  /// Days from 1970-01-01 to a civil date (proleptic Gregorian calendar).
  /// - Parameters:
  ///   - year: The year.
  ///   - month: The month, 1 to 12.
  ///   - day: The day of the month.
  /// - Returns: The number of days since the Unix epoch (negative before it).
  public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    // Count from 0000-03-01 so that the leap day ends each 4-year cycle.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The civil date of a day count since 1970-01-01.
  /// - Parameter days: Days since the Unix epoch.
  /// - Returns: Year, month (1 to 12) and day.
  public static func civilDate(days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The number of days in a month.
  /// - Parameters:
  ///   - year: The year.
  ///   - month: The month, 1 to 12.
  /// - Returns: 28 to 31.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  private static func civil(_ seconds: Int64) -> (date: String, time: Int) {
    let days = Int(floorDivide(seconds, 86_400))
    let time = Int(seconds - Int64(days) * 86_400)
    let (year, month, day) = civilDate(days: days)
    return ("\(year)-\(pad(month))-\(pad(day))", time)
  }

  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
  }

  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  private static func timeOfDay(_ cursor: inout Cursor) throws(Failure) -> Int {
    guard let hour = cursor.number(minDigits: 1, maxDigits: 2),
      cursor.consume(UInt8(ascii: ":")),
      let minute = cursor.number(minDigits: 2, maxDigits: 2)
    else { throw .malformed }
    var second = 0
    if cursor.consume(UInt8(ascii: ":")) {
      guard let value = cursor.number(minDigits: 2, maxDigits: 2) else { throw .malformed }
      second = value
      if cursor.consume(UInt8(ascii: ".")) || cursor.consume(UInt8(ascii: ",")) {
        guard cursor.number(minDigits: 1, maxDigits: 12) != nil else { throw .malformed }
      }
    }
    var hour24 = hour
    cursor.skipSpaces()
    if let meridiem = cursor.meridiem() {
      guard hour >= 1, hour <= 12 else { throw .malformed }
      hour24 = hour % 12 + (meridiem ? 12 : 0)
    }
    // 24:00:00 is the end of a day in ISO 8601.
    guard (hour24 < 24 || (hour24 == 24 && minute == 0 && second == 0)), minute < 60,
      second < 61
    else { throw .malformed }
    return hour24 * 3600 + minute * 60 + min(second, 59)
  }

  private static func zoneOffset(_ cursor: inout Cursor) throws(Failure) -> Int {
    if cursor.consume(UInt8(ascii: "Z")) || cursor.consume(UInt8(ascii: "z")) { return 0 }
    if cursor.consumeWord("UTC") || cursor.consumeWord("GMT") {
      if cursor.atEnd { return 0 }
    }
    guard let sign = cursor.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
      return 0
    }
    cursor.advance()
    guard let hours = cursor.number(minDigits: 2, maxDigits: 2) else { throw .malformed }
    _ = cursor.consume(UInt8(ascii: ":"))
    let minutes = cursor.number(minDigits: 2, maxDigits: 2) ?? 0
    guard hours <= 18, minutes < 60 else { throw .malformed }
    let offset = hours * 3600 + minutes * 60
    return sign == UInt8(ascii: "-") ? -offset : offset
  }

  private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func reset() { index = 0 }
    mutating func advance() { index += 1 }

    mutating func skipSpaces() {
      while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    mutating func consumeWord(_ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard index + count <= bytes.count else { return false }
      for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
        return false
      }
      index += count
      return true
    }

    /// Reads AM/PM; true for PM.
    mutating func meridiem() -> Bool? {
      guard index + 2 <= bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "m") else {
        return nil
      }
      switch bytes[index] | 0x20 {
      case UInt8(ascii: "a"):
        index += 2
        return false
      case UInt8(ascii: "p"):
        index += 2
        return true
      default: return nil
      }
    }

    mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
      var value = 0
      var digits = 0
      while digits < maxDigits, index < bytes.count, bytes[index] >= UInt8(ascii: "0"),
        bytes[index] <= UInt8(ascii: "9")
      {
        value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
        digits += 1
        index += 1
      }
      return digits >= minDigits ? value : nil
    }
  }
}

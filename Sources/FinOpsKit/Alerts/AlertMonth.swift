/// Calendar helpers for alert rules, on `YYYYMM` month keys and day numbers since 1970-01-01.
public enum AlertMonth {
  /// `2026-10` for `202610`.
  /// - Parameter month: The month key.
  /// - Returns: The month as text.
  public static func text(_ month: Int) -> String {
    let number = month % 100
    return "\(month / 100)-\(number < 10 ? "0" : "")\(number)"
  }

  /// The first day of a month, as days since 1970-01-01.
  /// - Parameter month: The month key.
  /// - Returns: The day number.
  public static func firstDay(_ month: Int) -> Int {
    Timestamp.daysSinceEpoch(year: month / 100, month: month % 100, day: 1)
  }

  /// The last day of a month, as days since 1970-01-01.
  /// - Parameter month: The month key.
  /// - Returns: The day number.
  public static func lastDay(_ month: Int) -> Int {
    firstDay(month) + Timestamp.daysInMonth(year: month / 100, month: month % 100) - 1
  }

  /// The month before.
  /// - Parameter month: The month key.
  /// - Returns: The previous month key.
  public static func previous(_ month: Int) -> Int {
    month % 100 == 1 ? (month / 100 - 1) * 100 + 12 : month - 1
  }

  /// A day number as `2026-10-14`.
  /// - Parameter day: Days since 1970-01-01.
  /// - Returns: The date.
  public static func date(_ day: Int) -> String { Timestamp.date(Int64(day) * 86_400) }

  /// The English weekday name of a day number.
  /// - Parameter day: Days since 1970-01-01 (a Thursday).
  /// - Returns: `Monday` ... `Sunday`.
  public static func weekday(_ day: Int) -> String {
    let names = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]
    return names[((day % 7) + 7) % 7]
  }

  /// `share` nano-units as a percentage with one decimal (`81.3%`).
  /// - Parameter share: The share in nano-units.
  /// - Returns: The percentage text.
  public static func percent(_ share: Int128) -> String {
    let tenths = ScaledDecimal.round(share * 100, scale: 9, places: 1)
    return ScaledDecimal.format(tenths, scale: 9, minimumFractionDigits: 1) + "%"
  }

  /// `numerator / denominator` as a share in nano-units, rounded toward zero.
  /// - Parameters:
  ///   - numerator: The part.
  ///   - denominator: The whole; must not be zero.
  /// - Returns: The share.
  public static func share(_ numerator: Int128, of denominator: Int128) -> Int128 {
    numerator * 1_000_000_000 / denominator
  }
}

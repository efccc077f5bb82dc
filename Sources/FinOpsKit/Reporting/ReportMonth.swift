/// A calendar month (`YYYYMM`) and the UTC instants and days reports need from it.
public struct ReportMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The month as `YYYYMM`.
  public var key: Int

  /// Creates a month from its key.
  /// - Parameter key: `YYYYMM`, e.g. `202610`.
  public init(_ key: Int) { self.key = key }

  /// The year.
  public var year: Int { key / 100 }
  /// The month of the year, 1 to 12.
  public var number: Int { key % 100 }
  /// How many days the month has.
  public var days: Int { Timestamp.daysInMonth(year: year, month: number) }
  /// The month before.
  public var previous: ReportMonth {
    ReportMonth(number == 1 ? (year - 1) * 100 + 12 : key - 1)
  }
  /// The month after.
  public var next: ReportMonth { ReportMonth(number == 12 ? (year + 1) * 100 + 1 : key + 1) }
  /// `2026-10`.
  public var description: String { "\(year)-" + (number < 10 ? "0\(number)" : "\(number)") }

  /// The first instant of a day of the month (UTC seconds); day `days + 1` is the next month.
  /// - Parameter day: The day of the month, 1-based.
  /// - Returns: Seconds since the Unix epoch.
  public func start(ofDay day: Int) -> Int64 {
    Int64(Timestamp.daysSinceEpoch(year: year, month: number, day: 1) + day - 1) * 86_400
  }

  /// The number of months from `self` to `other` (0 for the same month, negative before).
  /// - Parameter other: The later month.
  /// - Returns: Whole months between them.
  public func months(to other: ReportMonth) -> Int {
    (other.year - year) * 12 + other.number - number
  }

  /// Orders months in time.
  public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { lhs.key < rhs.key }
}

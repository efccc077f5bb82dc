import GRDB

/// The forecast of a month in progress: what is already spent, plus usage-based spend projected
/// for the remaining days from the recent daily run-rate.
///
/// Method (also in the README):
/// - "As of" day `D` means the data up to the end of that day (UTC): charges whose
///   ChargePeriodStart is before day `D + 1` are spent; later ones are ignored.
/// - The run-rate is the usage-based spend (ChargeFrequency `Usage-Based`, or ChargeCategory
///   `Usage` where the frequency is empty) of the last `windowDays` days up to `D` (fewer at the
///   start of the month), divided by the number of days in that window.
/// - Forecast = spent + run-rate × remaining days. One-time and recurring fees already booked
///   count once, as spent; they are never extrapolated.
///
/// Example: 1,000 a day of usage and a 30,000 one-time fee on day 1 give, at day 10 of a 30-day
/// month, 40,000 spent + 1,000 × 20 = 60,000 (not 120,000, as a plain average would).
///
/// Every amount is per owner, so teams, pilots and unallocated spend each get a forecast, and
/// the owners' forecasts add up to the total forecast.
public struct Forecast: Sendable {
  /// How many days the run-rate window holds (fewer at the start of a month).
  public static let windowDays = 7

  /// The month.
  public var month: ReportMonth
  /// Days of the month with data counted (the as-of day; the whole month when complete).
  public var elapsedDays: Int
  /// The days of the run-rate window (1-based days of the month).
  public var window: ClosedRange<Int>
  /// The allocation of what is already spent.
  public var spent: MonthAllocation
  /// The allocation of the usage-based charges of the window.
  public var windowUsage: MonthAllocation
  /// Usage-based spend projected for the remaining days, by owner.
  public var projected: [Owner: Int128]

  /// Days of the month not yet elapsed.
  public var remainingDays: Int { month.days - elapsedDays }
  /// Whether the month is complete (nothing projected).
  public var isComplete: Bool { remainingDays == 0 }
  /// The total forecast for the month.
  public var total: Int128 { spent.total + projected.values.reduce(0, +) }

  /// The forecast for one owner: its spend so far plus its projected usage.
  /// - Parameter owner: A team, pilot or `unallocated`.
  /// - Returns: Nano-units of the reporting currency.
  public func forecast(for owner: Owner) -> Int128 {
    (spent.byOwner[owner] ?? 0) + (projected[owner] ?? 0)
  }

  /// Projects usage for the remaining days: `usage / windowDays × remainingDays`, rounded half
  /// to even to whole nano-units.
  /// - Parameters:
  ///   - usage: Usage-based spend in the window.
  ///   - windowDays: The length of the window (at least 1).
  ///   - remainingDays: Days left in the month.
  /// - Returns: The projected amount.
  public static func project(usage: Int128, windowDays: Int, remainingDays: Int) -> Int128 {
    guard windowDays > 0, remainingDays > 0 else { return 0 }
    let numerator = usage * Int128(remainingDays)
    let divisor = Int128(windowDays)
    var quotient = numerator / divisor
    let remainder = numerator % divisor
    let twice = remainder.magnitude * 2
    if twice > divisor.magnitude || (twice == divisor.magnitude && quotient % 2 != 0) {
      quotient += numerator < 0 ? -1 : 1
    }
    return quotient
  }

  /// Computes the forecast of a month as of a day, inside a read transaction.
  /// - Parameters:
  ///   - month: The month.
  ///   - asOfDay: The last day of data counted (1-based). `nil` or a day at or past the month's
  ///     end means the month is complete and the forecast is the actual spend.
  ///   - engine: The allocation engine (configuration).
  ///   - db: A connection inside a read transaction.
  /// - Returns: The forecast.
  /// - Throws: `AllocationError` as for allocation.
  public static func compute(
    month: ReportMonth,
    asOfDay: Int?,
    engine: AllocationEngine,
    db: Database
  ) throws(AllocationError) -> Forecast {
    let elapsed = min(max(asOfDay ?? month.days, 1), month.days)
    let cutoff = month.start(ofDay: elapsed + 1)
    let spent = try engine.allocate(
      month: month.key,
      selection: elapsed == month.days ? .all : ChargeSelection(startingBefore: cutoff),
      db: db
    )
    let firstWindowDay = max(1, elapsed - windowDays + 1)
    let window = firstWindowDay...elapsed
    guard elapsed < month.days else {
      return Forecast(
        month: month,
        elapsedDays: elapsed,
        window: window,
        spent: spent,
        windowUsage: spent.emptied(),
        projected: [:]
      )
    }
    let usage = try engine.allocate(
      month: month.key,
      selection: ChargeSelection(
        startingFrom: month.start(ofDay: firstWindowDay),
        startingBefore: cutoff,
        usageOnly: true
      ),
      db: db
    )
    var projected: [Owner: Int128] = [:]
    for (owner, amount) in usage.byOwner {
      projected[owner] = project(
        usage: amount,
        windowDays: window.count,
        remainingDays: month.days - elapsed
      )
    }
    return Forecast(
      month: month,
      elapsedDays: elapsed,
      window: window,
      spent: spent,
      windowUsage: usage,
      projected: projected
    )
  }

  /// Computes the forecast in its own read transaction.
  /// - Parameters:
  ///   - month: The month.
  ///   - asOfDay: The last day of data counted, or `nil` for a complete month.
  ///   - engine: The allocation engine.
  ///   - database: The charges.
  /// - Returns: The forecast.
  /// - Throws: `AllocationError` as for allocation.
  public static func compute(
    month: ReportMonth,
    asOfDay: Int?,
    engine: AllocationEngine,
    database: SpendDatabase
  ) throws(AllocationError) -> Forecast {
    do {
      return try database.writer.read { db in
        try compute(month: month, asOfDay: asOfDay, engine: engine, db: db)
      }
    } catch let error as AllocationError {
      throw error
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
  }
}

extension MonthAllocation {
  /// The same month with no charges.
  func emptied() -> MonthAllocation {
    MonthAllocation(
      month: month,
      currency: currency,
      costBasis: costBasis,
      groups: [],
      sharedSplits: [],
      direct: [:],
      byOwner: [:]
    )
  }
}

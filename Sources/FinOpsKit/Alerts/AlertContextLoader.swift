import GRDB

/// Measures what the alert rules need for a month as of a day, from the charges and the
/// configuration.
public struct AlertContextLoader: Sendable {
  /// The configuration.
  public let configuration: FinOpsConfiguration

  /// Creates a loader.
  /// - Parameter configuration: The configuration.
  public init(configuration: FinOpsConfiguration) { self.configuration = configuration }

  /// Loads the figures.
  /// - Parameters:
  ///   - month: The month, `YYYYMM`.
  ///   - asOfDay: The as-of date in days since 1970-01-01.
  ///   - database: The charges.
  /// - Returns: The context for the rules.
  /// - Throws: `AllocationError` for a missing FX rate or a database failure.
  public func load(month: Int, asOfDay: Int, database: SpendDatabase) throws(AllocationError)
    -> AlertContext
  {
    let engine = AllocationEngine(configuration: configuration)
    var context = AlertContext(configuration: configuration, month: month, asOfDay: asOfDay)
    let summary = try monthSummary(month: month, asOfDay: asOfDay, database: database)
    context.total = summary.total
    context.unallocated = summary.unallocated
    context.innovationSpend = summary.innovation.spend
    let forecasts = summary.asOfDay != nil
    for team in summary.teams {
      context.budgets.append(
        .init(
          owner: .team(team.id),
          name: team.name,
          spend: team.spend,
          forecast: forecasts ? team.forecast : nil,
          budget: team.budget.flatMap { Int64(exactly: $0) }
        )
      )
    }
    for pilot in summary.pilots {
      let active =
        (pilot.start.map { month >= $0.key } ?? true) && (pilot.end.map { month <= $0.key } ?? true)
      context.budgets.append(
        .init(
          owner: .pilot(pilot.id),
          name: pilot.name,
          spend: pilot.spend,
          forecast: forecasts ? pilot.forecast : nil,
          budget: active ? pilot.monthlyBudget.flatMap { Int64(exactly: $0) } : nil
        )
      )
      if let total = pilot.totalBudget.flatMap({ Int64(exactly: $0) }) {
        context.pilotLifetimes.append(
          .init(id: pilot.id, name: pilot.name, spend: pilot.lifetimeSpend, totalBudget: total)
        )
      }
    }
    let weeks = configuration.alerts.anomaly.weeks
    let window = (AlertMonth.firstDay(month) - 7 * weeks)...min(asOfDay, AlertMonth.lastDay(month))
    let daily = try DailySpendQuery(configuration: configuration, engine: engine)
      .series(days: window, in: database)
    context.dailySeries = daily.series
    if let last = daily.lastDay, let first = try firstDataDay(database), first <= last {
      context.dataDays = first...last
    }
    context.freshness = try FreshnessQuery.lastDays(month: month, asOfDay: asOfDay, in: database)
    return context
  }

  /// The reports' month summary as of the day (`nil` as-of for a complete month).
  private func monthSummary(month: Int, asOfDay: Int, database: SpendDatabase)
    throws(AllocationError) -> MonthSummary
  {
    let dayOfMonth = asOfDay - AlertMonth.firstDay(month) + 1
    let complete = asOfDay >= AlertMonth.lastDay(month)
    do {
      return try MonthSummaryBuilder(configuration: configuration)
        .build(
          month: ReportMonth(month),
          asOfDay: complete ? nil : max(dayOfMonth, 1),
          database: database
        )
    } catch {
      switch error {
      case .allocation(let failure): throw failure
      default: throw .store(.sqlite(reason: error.description))
      }
    }
  }

  private func firstDataDay(_ database: SpendDatabase) throws(AllocationError) -> Int? {
    do {
      return try database.writer.read { db in
        let sql = """
          SELECT MIN(chargePeriodStart) FROM charge WHERE month = (SELECT MIN(month) FROM charge)
          """
        return try Int64.fetchOne(db, sql: sql).map { Int($0 / 86_400) }
      }
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
  }
}

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
    let figures = try AlertMonthFigures.measure(
      month: month,
      asOfDay: asOfDay,
      engine: engine,
      database: database
    )
    context.total = figures.total
    context.unallocated = figures.unallocated
    let innovationTeams = Set(configuration.innovationTeams)
    context.innovationSpend = figures.spend.reduce(0) { sum, entry in
      switch entry.key {
      case .pilot: return sum + entry.value
      case .team(let id): return innovationTeams.contains(id) ? sum + entry.value : sum
      case .unallocated: return sum
      }
    }
    for team in configuration.teams {
      context.budgets.append(
        .init(
          owner: .team(team.id),
          name: team.name,
          spend: figures.spend[.team(team.id)] ?? 0,
          forecast: figures.forecast[.team(team.id)],
          budget: team.monthlyBudget
        )
      )
    }
    for pilot in configuration.pilots {
      let active =
        (pilot.start.map { month >= $0 } ?? true) && (pilot.end.map { month <= $0 } ?? true)
      context.budgets.append(
        .init(
          owner: .pilot(pilot.id),
          name: pilot.name,
          spend: figures.spend[.pilot(pilot.id)] ?? 0,
          forecast: figures.forecast[.pilot(pilot.id)],
          budget: active ? pilot.monthlyBudget : nil
        )
      )
    }
    context.pilotLifetimes = try lifetimes(month: month, current: figures, engine, database)
    let weeks = configuration.alerts.anomaly.weeks
    let window = (AlertMonth.firstDay(month) - 7 * weeks)...min(asOfDay, AlertMonth.lastDay(month))
    let daily = try DailySpendQuery(configuration: configuration, engine: engine)
      .series(days: window, in: database)
    context.dailySeries = daily.series
    if let last = daily.lastDay, let first = try firstDataDay(database), first <= last {
      context.dataDays = first...last
    }
    context.freshness = try FreshnessQuery.lastDays(month: month, in: database)
    return context
  }

  /// Each pilot's spend from its start month through `month`, for pilots with a total budget.
  private func lifetimes(
    month: Int,
    current: AlertMonthFigures,
    _ engine: AllocationEngine,
    _ database: SpendDatabase
  ) throws(AllocationError) -> [AlertContext.PilotLifetime] {
    let pilots = configuration.pilots.filter { $0.totalBudget != nil }
    guard !pilots.isEmpty else { return [] }
    var spend: [String: Int128] = [:]
    for pilot in pilots { spend[pilot.id] = current.spend[.pilot(pilot.id)] ?? 0 }
    let earliest = pilots.compactMap(\.start).min() ?? month
    var previous = AlertMonth.previous(month)
    while previous >= earliest {
      let allocation = try engine.allocate(month: previous, in: database)
      for pilot in pilots where (pilot.start ?? earliest) <= previous {
        spend[pilot.id, default: 0] += allocation.byOwner[.pilot(pilot.id)] ?? 0
      }
      previous = AlertMonth.previous(previous)
    }
    return pilots.compactMap { pilot in
      pilot.totalBudget.map {
        .init(id: pilot.id, name: pilot.name, spend: spend[pilot.id] ?? 0, totalBudget: $0)
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

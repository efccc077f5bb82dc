import GRDB

/// Computes a `MonthSummary` from the charges and `finops.yaml`.
///
/// Everything is read in one read transaction, so a report made while an ingest commits sees
/// one consistent state of the database: before the ingest, or after it, never a mix.
public struct MonthSummaryBuilder: Sendable {
  /// The configuration applied.
  public let configuration: FinOpsConfiguration
  /// How many unallocated items and movers a summary keeps at most.
  public var listLimit = 10
  private let engine: AllocationEngine

  /// Prepares a builder.
  /// - Parameter configuration: The configuration to apply.
  public init(configuration: FinOpsConfiguration) {
    self.configuration = configuration
    engine = AllocationEngine(configuration: configuration)
  }

  /// Builds the summary of a month.
  /// - Parameters:
  ///   - month: The month.
  ///   - asOfDay: The last day of data counted for a month in progress, or `nil` when complete.
  ///   - database: The charges.
  /// - Returns: The summary.
  /// - Throws: `ReportError.allocation` when the month cannot be allocated.
  public func build(month: ReportMonth, asOfDay: Int? = nil, database: SpendDatabase)
    throws(ReportError) -> MonthSummary
  {
    do {
      return try database.writer.read { db in
        try build(month: month, asOfDay: asOfDay, db: db)
      }
    } catch let error as ReportError {
      throw error
    } catch let error as AllocationError {
      throw .allocation(error)
    } catch {
      throw .allocation(.store(.sqlite(reason: SpendDatabase.reason(error))))
    }
  }

  /// Builds the summary inside an open read transaction.
  /// - Parameters:
  ///   - month: The month.
  ///   - asOfDay: The last day of data counted, or `nil` when complete.
  ///   - db: A connection inside a read transaction.
  /// - Returns: The summary.
  /// - Throws: `ReportError.allocation` when the month cannot be allocated.
  public func build(month: ReportMonth, asOfDay: Int?, db: Database) throws(ReportError)
    -> MonthSummary
  {
    do {
      return try compute(month: month, asOfDay: asOfDay, db: db)
    } catch {
      throw .allocation(error)
    }
  }

  private func compute(month: ReportMonth, asOfDay: Int?, db: Database) throws(AllocationError)
    -> MonthSummary
  {
    let forecast = try Forecast.compute(month: month, asOfDay: asOfDay, engine: engine, db: db)
    let current = forecast.spent
    let previous = try engine.allocate(month: month.previous.key, db: db)
    // Movers compare like with like: the same days of last month for a month in progress.
    let previousSameDays =
      forecast.isComplete
      ? previous
      : try engine.allocate(
        month: month.previous.key,
        selection: ChargeSelection(
          startingBefore: month.previous.start(
            ofDay: min(forecast.elapsedDays, month.previous.days) + 1
          )
        ),
        db: db
      )
    let lifetime = try pilotLifetimeSpend(
      month: month,
      current: current,
      previous: previous,
      db: db
    )
    let tokenCosts = try PilotTokenCosts.compute(
      current,
      month: month,
      before: month.start(ofDay: forecast.elapsedDays + 1),
      db: db
    )
    let activity = try MonthActivity.read(
      month: month,
      lastDay: forecast.elapsedDays,
      engine: engine,
      db: db
    )

    let teamSpend = configuration.teams.map { current.byOwner[.team($0.id)] ?? 0 }
    let pilotSpend = configuration.pilots.map { current.byOwner[.pilot($0.id)] ?? 0 }
    let rounded = CentRounding.reconcile(teamSpend + pilotSpend + [current.unallocated])
    let innovationTeams = Set(configuration.innovationTeams)

    var teams: [MonthSummary.TeamLine] = []
    for (index, team) in configuration.teams.enumerated() {
      let owner = Owner.team(team.id)
      let direct = current.direct[owner] ?? 0
      let budget = team.monthlyBudget.map { Int128($0) }
      let teamForecast = forecast.forecast(for: owner)
      teams.append(
        .init(
          id: team.id,
          name: team.name,
          direct: direct,
          shared: teamSpend[index] - direct,
          spend: teamSpend[index],
          reportedSpend: rounded[index],
          budget: budget,
          forecast: teamForecast,
          reportedForecast: forecast.isComplete
            ? rounded[index] : CentRounding.round(teamForecast),
          previousSpend: previous.byOwner[owner] ?? 0,
          pilotSpend: zip(configuration.pilots, pilotSpend).filter { $0.0.team == team.id }
            .reduce(0) { $0 + $1.1 },
          isInnovation: innovationTeams.contains(team.id),
          status: status(teamForecast, budget: budget)
        )
      )
    }

    var pilots: [MonthSummary.PilotLine] = []
    for (index, pilot) in configuration.pilots.enumerated() {
      let owner = Owner.pilot(pilot.id)
      let pilotForecast = forecast.forecast(for: owner)
      let monthly = pilot.monthlyBudget.map { Int128($0) }
      let total = pilot.totalBudget.map { Int128($0) }
      let spentLifetime = lifetime[pilot.id] ?? 0
      pilots.append(
        .init(
          id: pilot.id,
          name: pilot.name,
          team: pilot.team,
          spend: pilotSpend[index],
          reportedSpend: rounded[configuration.teams.count + index],
          forecast: pilotForecast,
          reportedForecast: forecast.isComplete
            ? rounded[configuration.teams.count + index] : CentRounding.round(pilotForecast),
          previousSpend: previous.byOwner[owner] ?? 0,
          lifetimeSpend: spentLifetime,
          monthlyBudget: monthly,
          totalBudget: total,
          start: pilot.start.map(ReportMonth.init),
          end: pilot.end.map(ReportMonth.init),
          monthsActive: monthsActive(pilot, month: month, spend: pilotSpend[index]),
          status: status(pilotForecast, budget: monthly),
          lifetimeStatus: status(spentLifetime + pilotForecast - pilotSpend[index], budget: total),
          tokens: tokenCosts[pilot.id]?.tokens,
          costPerMillionTokens: tokenCosts[pilot.id]?.costPerMillion
        )
      )
    }

    let total = current.total
    let innovationSpend =
      pilotSpend.reduce(0, +)
      + teams.filter(\.isInnovation).reduce(0) { $0 + $1.spend }
    let target = Int128(configuration.innovationTarget)
    let targetSpend = target * total / 1_000_000_000
    return MonthSummary(
      month: month,
      asOfDay: forecast.isComplete ? nil : forecast.elapsedDays,
      currency: configuration.currency,
      costBasis: configuration.costBasis,
      total: total,
      reportedTotal: CentRounding.round(total),
      forecastTotal: forecast.total,
      previousTotal: previous.total,
      unallocated: current.unallocated,
      reportedUnallocated: rounded[rounded.count - 1],
      unallocatedForecast: forecast.forecast(for: .unallocated),
      coverage: current.coverage,
      teams: teams,
      pilots: pilots,
      innovation: .init(
        spend: innovationSpend,
        share: Self.share(innovationSpend, of: total),
        target: target,
        targetSpend: targetSpend,
        gap: targetSpend - innovationSpend
      ),
      ai: AISpendSummary.compute(current, total: total, configuration: configuration),
      sharedSplits: current.sharedSplits,
      unallocatedItems: Self.unallocatedItems(current),
      topMovers: Self.movers(current, previousSameDays, limit: listLimit),
      dataCoverage: activity.coverage,
      daily: activity.daily.enumerated().map {
        .init(name: String($0.offset + 1), amount: $0.element)
      },
      allocation: current
    )
  }

  /// `part / whole` in nano-units; 0 when the whole is 0.
  static func share(_ part: Int128, of whole: Int128) -> Int128 {
    whole == 0 ? 0 : part * 1_000_000_000 / whole
  }

  private func status(_ amount: Int128, budget: Int128?) -> MonthSummary.BudgetStatus {
    guard let budget else { return .noBudget }
    let used = Self.share(amount, of: budget)
    if budget <= 0 { return amount > 0 ? .over : .onTrack }
    if used >= Int128(configuration.alerts.critical) { return .over }
    if used >= Int128(configuration.alerts.warning) { return .warning }
    return .onTrack
  }

  private func monthsActive(_ pilot: FinOpsConfiguration.Pilot, month: ReportMonth, spend: Int128)
    -> Int
  {
    guard let start = pilot.start.map(ReportMonth.init) else { return spend == 0 ? 0 : 1 }
    let last = pilot.end.map(ReportMonth.init).map { min($0, month) } ?? month
    return max(0, start.months(to: last) + 1)
  }

  /// Each pilot's spend from its start (or the first month with data) through `month`.
  private func pilotLifetimeSpend(
    month: ReportMonth,
    current: MonthAllocation,
    previous: MonthAllocation,
    db: Database
  ) throws(AllocationError) -> [String: Int128] {
    guard !configuration.pilots.isEmpty else { return [:] }
    let firstData: Int?
    do {
      firstData = try Int.fetchOne(db, sql: "SELECT MIN(month) FROM charge")
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    guard let firstData else { return [:] }
    var byMonth: [ReportMonth: MonthAllocation] = [month: current, month.previous: previous]
    var result: [String: Int128] = [:]
    for pilot in configuration.pilots {
      var from = ReportMonth(max(firstData, pilot.start ?? firstData))
      var sum: Int128 = 0
      while from <= month {
        if byMonth[from] == nil { byMonth[from] = try engine.allocate(month: from.key, db: db) }
        sum += byMonth[from]?.byOwner[.pilot(pilot.id)] ?? 0
        from = from.next
      }
      result[pilot.id] = sum
    }
    return result
  }
}

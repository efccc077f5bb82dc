/// `pilots.csv`: one row per pilot with its monthly and lifetime spend against its budgets.
public struct PilotsCSVReporter: Reporter {
  /// The reporter's id.
  public static let identifier = "pilots-csv"
  /// What it shows.
  public static let summary = "Pilots: monthly and lifetime spend against monthly and total budget."
  /// Its format.
  public static let format = ReportFormat.csv
  /// The file it writes.
  public static let fileName = "pilots.csv"

  /// Creates the reporter.
  public init() {}

  /// Renders the report.
  /// - Parameter context: The month's figures and templates.
  /// - Returns: The report text.
  /// - Throws: `ReportError` for a template problem.
  public func render(_ context: ReportContext) throws(ReportError) -> String {
    let money = { (nanos: Int128) in CSVTable.Cell.number(ReportNumber.money(nanos)) }
    var table = CSVTable(header: [
      "month", "pilot", "name", "team", "spend", "monthly_budget", "forecast", "status",
      "lifetime_spend", "total_budget", "lifetime_status", "start", "end", "months_active",
      "tokens", "cost_per_million_tokens",
    ])
    for pilot in context.summary.pilots {
      table.append([
        .number(context.summary.month.description), .text(pilot.id), .text(pilot.name),
        .text(pilot.team), money(pilot.reportedSpend), pilot.monthlyBudget.map(money) ?? .empty,
        money(pilot.reportedForecast), .text(pilot.status.rawValue), money(pilot.lifetimeSpend),
        pilot.totalBudget.map(money) ?? .empty, .text(pilot.lifetimeStatus.rawValue),
        pilot.start.map { .number($0.description) } ?? .empty,
        pilot.end.map { .number($0.description) } ?? .empty,
        .number(String(pilot.monthsActive)),
        pilot.tokens.map { .number(String($0)) } ?? .empty,
        pilot.costPerMillionTokens.map(money) ?? .empty,
      ])
    }
    return table.text
  }
}

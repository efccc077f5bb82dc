/// `teams.csv`: one row per team with its budget, actual, forecast and change.
public struct TeamsCSVReporter: Reporter {
  /// The reporter's id.
  public static let identifier = "teams-csv"
  /// What it shows.
  public static let summary = "Teams: direct and shared spend, budget, forecast, status, change."
  /// Its format.
  public static let format = ReportFormat.csv
  /// The file it writes.
  public static let fileName = "teams.csv"

  /// Creates the reporter.
  public init() {}

  /// Renders the report.
  /// - Parameter context: The month's figures and templates.
  /// - Returns: The report text.
  /// - Throws: `ReportError` for a template problem.
  public func render(_ context: ReportContext) throws(ReportError) -> String {
    let money = { (nanos: Int128) in CSVTable.Cell.number(ReportNumber.money(nanos)) }
    var table = CSVTable(header: [
      "month", "team", "name", "direct", "shared", "spend", "budget", "forecast", "used",
      "status", "previous_spend", "change", "pilot_spend", "innovation",
    ])
    for team in context.summary.teams {
      table.append([
        .number(context.summary.month.description), .text(team.id), .text(team.name),
        money(team.direct), money(team.shared), money(team.reportedSpend),
        team.budget.map(money) ?? .empty, money(team.reportedForecast),
        team.budget.flatMap { ReportNumber.share(team.forecast, of: $0) }
          .map { .number(ReportNumber.fraction($0)) } ?? .empty,
        .text(team.status.rawValue), money(team.previousSpend), money(team.change),
        money(team.pilotSpend), .text(team.isInnovation ? "yes" : "no"),
      ])
    }
    return table.text
  }
}

/// The month's figures as one JSON object, for scripts.
///
/// It has the fields of the design's "Report JSON" section and more. Money is decimal strings rounded to cents; shares are numbers with
/// four decimals; keys come in a fixed order.
public struct SummaryJSONReporter: Reporter {
  /// The reporter's id.
  public static let identifier = "summary-json"
  /// What it shows.
  public static let summary = "The month's figures as JSON on stdout."
  /// Its format.
  public static let format = ReportFormat.json
  /// The file it writes.
  public static let fileName = "summary.json"

  /// Creates the reporter.
  public init() {}

  /// Renders the report.
  /// - Parameter context: The month's figures and templates.
  /// - Returns: The report text.
  /// - Throws: `ReportError` for a template problem.
  public func render(_ context: ReportContext) throws(ReportError) -> String {
    Self.value(context.summary).text() + "\n"
  }

  private static func money(_ nanos: Int128) -> JSONOutput { .string(ReportNumber.money(nanos)) }
  private static func share(_ nanos: Int128) -> JSONOutput { .number(ReportNumber.fraction(nanos)) }

  /// The JSON object of a summary.
  /// - Parameter summary: The month's figures.
  /// - Returns: The ordered JSON object.
  public static func value(_ summary: MonthSummary) -> JSONOutput {
    let asOf = summary.asOfDay.map { "\(summary.month)-" + ($0 < 10 ? "0\($0)" : "\($0)") }
    let innovation = summary.innovation
    return .object([
      ("month", .string(summary.month.description)),
      ("as_of", .optional(asOf)),
      ("currency", .string(summary.currency)),
      ("cost_basis", .string(summary.costBasis.rawValue)),
      ("total", money(summary.reportedTotal)),
      ("forecast", money(summary.forecastTotal)),
      ("previous_total", money(summary.previousTotal)),
      ("change", money(summary.change)),
      ("coverage", share(summary.coverage)),
      (
        "innovation",
        .object([
          ("spend", money(innovation.spend)), ("share", share(innovation.share)),
          ("target", share(innovation.target)), ("gap", money(innovation.gap)),
          ("target_spend", money(innovation.targetSpend)),
        ])
      ),
      (
        "ai",
        .object([
          ("spend", money(summary.ai.spend)), ("share", share(summary.ai.share)),
          ("by_category", amounts(summary.ai.byCategory)),
          ("by_provider", amounts(summary.ai.byProvider)),
          ("by_model", amounts(summary.ai.byModel)), ("note", .optional(summary.ai.note)),
        ])
      ),
      (
        "unallocated",
        .object([
          ("spend", money(summary.reportedUnallocated)),
          ("forecast", money(summary.unallocatedForecast)),
        ])
      ),
      ("teams", .array(summary.teams.map(team))),
      ("pilots", .array(summary.pilots.map(pilot))),
      ("shared", .array(summary.sharedSplits.map(shared))),
    ])
  }

  private static func amounts(_ amounts: [MonthSummary.Amount]) -> JSONOutput {
    .object(amounts.map { ($0.name, money($0.amount)) })
  }

  private static func team(_ team: MonthSummary.TeamLine) -> JSONOutput {
    .object([
      ("id", .string(team.id)), ("name", .string(team.name)),
      ("spend", money(team.reportedSpend)), ("budget", team.budget.map(money) ?? .null),
      ("forecast", money(team.reportedForecast)), ("status", .string(team.status.rawValue)),
      ("direct", money(team.direct)), ("shared", money(team.shared)),
      ("previous_spend", money(team.previousSpend)), ("change", money(team.change)),
      ("pilot_spend", money(team.pilotSpend)), ("innovation", .bool(team.isInnovation)),
    ])
  }

  private static func pilot(_ pilot: MonthSummary.PilotLine) -> JSONOutput {
    .object([
      ("id", .string(pilot.id)), ("name", .string(pilot.name)), ("team", .string(pilot.team)),
      ("spend", money(pilot.reportedSpend)), ("budget", pilot.monthlyBudget.map(money) ?? .null),
      ("forecast", money(pilot.reportedForecast)), ("status", .string(pilot.status.rawValue)),
      ("lifetime_spend", money(pilot.lifetimeSpend)),
      ("total_budget", pilot.totalBudget.map(money) ?? .null),
      ("lifetime_status", .string(pilot.lifetimeStatus.rawValue)),
      ("months_active", .number(String(pilot.monthsActive))),
      ("tokens", pilot.tokens.map { .number(String($0)) } ?? .null),
      ("cost_per_million_tokens", pilot.costPerMillionTokens.map(money) ?? .null),
    ])
  }

  private static func shared(_ split: MonthAllocation.SharedSplit) -> JSONOutput {
    .object([
      ("name", .string(split.name)), ("method", .string(split.method)),
      ("spend", money(split.amount)),
      ("shares", .object(split.shares.map { ($0.team, money($0.amount)) })),
    ])
  }
}

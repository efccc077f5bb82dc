/// `budget_actual`: a team's or pilot's spend so far crosses the warning or critical share of
/// its monthly budget (`alerts.thresholds`).
public struct BudgetActualRule: AlertRule {
  /// `budget_actual`.
  public static let kind = "budget_actual"
  /// One line for documentation.
  public static let summary =
    "a team's or pilot's spend crosses the warning or critical share of its monthly budget"

  /// Creates the rule.
  public init() {}

  /// Evaluates the rule.
  /// - Parameter context: The month's figures.
  /// - Returns: One alert per team or pilot at or over the warning share.
  public func evaluate(_ context: AlertContext) -> [Alert] {
    let check = BudgetCheck(settings: context.configuration.alerts)
    let currency = context.configuration.currency
    return context.budgets.compactMap { line in
      guard let budget = line.budget, let finding = check.judge(spend: line.spend, budget: budget)
      else { return nil }
      let level = finding.severity == .critical ? "critical" : "warning"
      let limit =
        finding.severity == .critical
        ? context.configuration.alerts.critical : context.configuration.alerts.warning
      return Alert(
        kind: Self.kind,
        severity: finding.severity,
        subject: line.owner.description,
        month: context.month,
        value: line.spend,
        threshold: finding.line,
        unit: context.money,
        message: "\(line.owner.kindName) '\(line.name)' has spent \(Money.format(line.spend)) "
          + "\(currency) in \(AlertMonth.text(context.month)), "
          + BudgetCheck.describe(finding, budget: budget, currency: currency)
          + " (\(level) at \(AlertMonth.percent(Int128(limit))))",
        escalation: finding.escalation
      )
    }
  }
}

extension Owner {
  /// `team`, `pilot` or `unallocated`, for messages.
  var kindName: String {
    switch self {
    case .team: return "team"
    case .pilot: return "pilot"
    case .unallocated: return "unallocated"
    }
  }
}

/// `pilot_lifetime`: a pilot's spend from its start month through this month crosses the
/// warning or critical share of its `total_budget`.
public struct PilotLifetimeRule: AlertRule {
  /// `pilot_lifetime`.
  public static let kind = "pilot_lifetime"
  /// One line for documentation.
  public static let summary = "a pilot's spend since its start crosses a share of its total budget"

  /// Creates the rule.
  public init() {}

  /// Evaluates the rule.
  /// - Parameter context: The month's figures.
  /// - Returns: One alert per pilot at or over the warning share of its lifetime budget.
  public func evaluate(_ context: AlertContext) -> [Alert] {
    let check = BudgetCheck(settings: context.configuration.alerts)
    let currency = context.configuration.currency
    return context.pilotLifetimes.compactMap { pilot in
      guard let finding = check.judge(spend: pilot.spend, budget: pilot.totalBudget) else {
        return nil
      }
      return Alert(
        kind: Self.kind,
        severity: finding.severity,
        subject: Owner.pilot(pilot.id).description,
        month: context.month,
        value: pilot.spend,
        threshold: finding.line,
        unit: context.money,
        message: "pilot '\(pilot.name)' has spent \(Money.format(pilot.spend)) \(currency) "
          + "since its start, "
          + BudgetCheck.describe(
            finding,
            budget: pilot.totalBudget,
            currency: currency,
            noun: "total budget"
          ),
        escalation: finding.escalation
      )
    }
  }
}

/// The built-in alert rules, in the order their alerts are listed.
public enum AlertRuleRegistry {
  /// Every rule; a test checks that each file in `Alerts/Rules` is listed exactly once.
  public static let builtIn: [any AlertRule] = [
    BudgetActualRule(),
    BudgetForecastRule(),
    PilotLifetimeRule(),
    InnovationShareRule(),
    UnallocatedRule(),
    AnomalyRule(),
    StaleDataRule(),
  ]

  /// The kinds of the built-in rules, in order.
  public static var kinds: [String] { builtIn.map { type(of: $0).kind } }

  /// Runs every rule and sorts the alerts: critical first, then by kind order and subject.
  /// - Parameter context: The month's figures.
  /// - Returns: The alerts.
  public static func evaluate(_ context: AlertContext) -> [Alert] {
    let order = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
    return builtIn.flatMap { $0.evaluate(context) }.sorted { left, right in
      if left.severity != right.severity { return left.severity > right.severity }
      let leftOrder = order[left.kind] ?? 0
      let rightOrder = order[right.kind] ?? 0
      if leftOrder != rightOrder { return leftOrder < rightOrder }
      return left.subject < right.subject
    }
  }
}

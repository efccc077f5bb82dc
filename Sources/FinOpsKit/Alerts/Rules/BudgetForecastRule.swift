/// `budget_forecast`: while the month is in progress, the month-end forecast of a team or
/// pilot exceeds its monthly budget (critical from `alerts.thresholds.forecast_critical`).
public struct BudgetForecastRule: AlertRule {
  /// `budget_forecast`.
  public static let kind = "budget_forecast"
  /// One line for documentation.
  public static let summary = "the month-end forecast of a team or pilot exceeds its budget"

  /// Creates the rule.
  public init() {}

  /// Evaluates the rule.
  /// - Parameter context: The month's figures.
  /// - Returns: One alert per team or pilot forecast over budget.
  public func evaluate(_ context: AlertContext) -> [Alert] {
    guard context.monthInProgress else { return [] }
    let settings = context.configuration.alerts
    let currency = context.configuration.currency
    return context.budgets.compactMap { line in
      guard let budget = line.budget.map { Int128($0) }, let forecast = line.forecast,
        forecast > budget
      else { return nil }
      let critical = budget * Int128(settings.forecastCritical) / 1_000_000_000
      let share = budget > 0 ? AlertMonth.share(forecast, of: budget) : nil
      var message =
        "\(line.owner.kindName) '\(line.name)' is forecast to spend \(Money.format(forecast)) "
        + "\(currency) by the end of \(AlertMonth.text(context.month))"
      if let share {
        message +=
          ", \(AlertMonth.percent(share)) of its \(Money.format(budget)) \(currency) budget"
      } else {
        message += " against a budget of 0.00 \(currency)"
      }
      message += " (\(Money.format(line.spend)) \(currency) spent so far)"
      return Alert(
        kind: Self.kind,
        severity: forecast >= critical ? .critical : .warning,
        subject: line.owner.description,
        month: context.month,
        value: forecast,
        threshold: budget,
        unit: context.money,
        message: message,
        escalation: share.map { Int($0 / Int128(settings.resendStep)) } ?? 0
      )
    }
  }
}

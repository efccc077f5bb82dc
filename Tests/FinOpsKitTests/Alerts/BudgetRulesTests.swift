import Testing

@testable import FinOpsKit

/// `budget_actual`, `budget_forecast` and `pilot_lifetime`, case by case with the expected
/// figures worked out by hand (thresholds 0.8 / 1.0, forecast critical 1.25, resend step 0.1).
struct BudgetRulesTests {
  static let usd: Int128 = 1_000_000_000

  /// A context for 2026-10 as of 2026-10-10 (in progress) or 2026-10-31 (complete).
  static func context(_ lines: [AlertContext.BudgetLine], complete: Bool = false)
    -> AlertContext
  {
    let asOf = AlertMonth.firstDay(202610) + (complete ? 30 : 9)
    var context = AlertContext(configuration: FinOpsConfiguration(), month: 202610, asOfDay: asOf)
    context.budgets = lines
    return context
  }

  static func team(_ spend: Int128, budget: Int64?, forecast: Int128? = nil)
    -> AlertContext.BudgetLine
  {
    .init(
      owner: .team("payments"),
      name: "Payments",
      spend: spend * usd,
      forecast: forecast.map { $0 * usd },
      budget: budget.map { $0 * 1_000_000_000 }
    )
  }

  struct ActualCase: Sendable, CustomTestStringConvertible {
    var spend: Int128
    var budget: Int64?
    var severity: AlertSeverity?
    var threshold: Int128
    var escalation: Int
    var testDescription: String { "spend \(spend) of budget \(String(describing: budget))" }
  }

  @Test(arguments: [
    ActualCase(spend: 799, budget: 1000, severity: nil, threshold: 0, escalation: 0),
    // 800 / 1000 = 0.8: the warning line itself warns; 8 steps of 0.1.
    ActualCase(spend: 800, budget: 1000, severity: .warning, threshold: 800, escalation: 8),
    ActualCase(spend: 999, budget: 1000, severity: .warning, threshold: 800, escalation: 9),
    ActualCase(spend: 1000, budget: 1000, severity: .critical, threshold: 1000, escalation: 10),
    ActualCase(spend: 1500, budget: 1000, severity: .critical, threshold: 1000, escalation: 15),
    // A zero budget: any spend is critical, with no share to compute.
    ActualCase(spend: 5, budget: 0, severity: .critical, threshold: 0, escalation: 0),
    ActualCase(spend: 0, budget: 0, severity: nil, threshold: 0, escalation: 0),
    ActualCase(spend: 5000, budget: nil, severity: nil, threshold: 0, escalation: 0),
  ])
  func budgetActual(_ item: ActualCase) {
    let alerts = BudgetActualRule().evaluate(
      Self.context([Self.team(item.spend, budget: item.budget)])
    )
    guard let severity = item.severity else {
      #expect(alerts.isEmpty)
      return
    }
    #expect(alerts.count == 1)
    let alert = alerts[0]
    #expect(alert.severity == severity)
    #expect(alert.subject == "team:payments")
    #expect(alert.value == item.spend * Self.usd)
    #expect(alert.threshold == item.threshold * Self.usd)
    #expect(alert.escalation == item.escalation)
    #expect(alert.fingerprint == "budget_actual|team:payments|2026-10")
  }

  @Test func theMessageStatesTheShareRoundedToATenthOfAPercent() {
    // 1234.50 / 1000 = 123.45%, rounded half to even: 123.4%.
    var line = Self.team(0, budget: 1000)
    line.spend = 1_234_500_000_000
    let alert = BudgetActualRule().evaluate(Self.context([line]))
    #expect(
      alert.first?.message
        == "team 'Payments' has spent 1234.50 USD in 2026-10, 123.4% of its 1000.00 USD budget "
        + "(critical at 100.0%)"
    )
  }

  struct ForecastCase: Sendable, CustomTestStringConvertible {
    var forecast: Int128?
    var complete: Bool
    var severity: AlertSeverity?
    var testDescription: String { "forecast \(String(describing: forecast)), complete \(complete)" }
  }

  @Test(arguments: [
    ForecastCase(forecast: 1000, complete: false, severity: nil),
    ForecastCase(forecast: 1001, complete: false, severity: .warning),
    ForecastCase(forecast: 1249, complete: false, severity: .warning),
    // 1250 / 1000 reaches forecast_critical 1.25.
    ForecastCase(forecast: 1250, complete: false, severity: .critical),
    // A complete month has no forecast to alert on (budget_actual covers it).
    ForecastCase(forecast: 2000, complete: true, severity: nil),
    ForecastCase(forecast: nil, complete: false, severity: nil),
  ])
  func budgetForecast(_ item: ForecastCase) {
    let line = Self.team(400, budget: 1000, forecast: item.forecast)
    let alerts = BudgetForecastRule().evaluate(Self.context([line], complete: item.complete))
    #expect(alerts.map(\.severity) == (item.severity.map { [$0] } ?? []))
    if let alert = alerts.first {
      #expect(alert.threshold == 1000 * Self.usd)
      #expect(alert.value == (item.forecast ?? 0) * Self.usd)
      #expect(alert.message.hasSuffix("(400.00 USD spent so far)"))
    }
  }

  @Test(arguments: [
    (Int128(23_999), nil as AlertSeverity?, Int128(0)),
    (Int128(24_000), .warning, Int128(24_000)),
    (Int128(30_000), .critical, Int128(30_000)),
    (Int128(41_000), .critical, Int128(30_000)),
  ])
  func pilotLifetime(spend: Int128, severity: AlertSeverity?, threshold: Int128) {
    var context = Self.context([])
    context.pilotLifetimes = [
      .init(
        id: "copilot",
        name: "Copilot",
        spend: spend * Self.usd,
        totalBudget: 30_000_000_000_000
      )
    ]
    let alerts = PilotLifetimeRule().evaluate(context)
    #expect(alerts.map(\.severity) == (severity.map { [$0] } ?? []))
    #expect(alerts.first.map(\.threshold) == (severity == nil ? nil : threshold * Self.usd))
    #expect(alerts.first?.subject == (severity == nil ? nil : "pilot:copilot"))
    #expect(alerts.first?.message.contains("of its 30000.00 USD total budget") ?? true)
  }
}

import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// The text table and the JSON of a month that raises one alert of every kind, against golden
/// files (reviewed by hand: every figure follows from the context below).
struct AlertsListingTests {
  static let usd: Int128 = 1_000_000_000

  /// October 2026 as of the 20th.
  static func context() -> AlertContext {
    var configuration = FinOpsConfiguration()
    configuration.alerts.anomaly.minimumAmount = 10_000_000_000
    let october = AlertMonth.firstDay(202610)
    var context = AlertContext(configuration: configuration, month: 202610, asOfDay: october + 19)
    // payments: 950 of 1000 spent (warning), forecast 1400 (critical at 1.25).
    context.budgets = [
      .init(
        owner: .team("payments"),
        name: "Payments",
        spend: 950 * usd,
        forecast: 1400 * usd,
        budget: 1_000_000_000_000
      )
    ]
    // The pilot: 31000 of a 30000 lifetime budget.
    context.pilotLifetimes = [
      .init(id: "copilot", name: "Copilot", spend: 31_000 * usd, totalBudget: 30_000_000_000_000)
    ]
    // 2000 total, 100 innovation (5%, below 8%), 300 unallocated (15%, above 10%).
    context.total = 2000 * usd
    context.innovationSpend = 100 * usd
    context.unallocated = 300 * usd
    // EC2: 50 a day, 250 on the 14th.
    var amounts: [Int: Int128] = [:]
    for day in (october - 35)...(october + 19) { amounts[day] = 50 * usd }
    amounts[october + 13] = 250 * usd
    context.dailySeries = [
      .init(subject: "service:Amazon EC2", label: "service 'Amazon EC2'", amounts: amounts)
    ]
    context.dataDays = (october - 35)...(october + 19)
    // Azure's data stops on the 15th: 5 days late.
    context.freshness = [
      .init(level: .provider, provider: "AWS", id: "AWS", lastDay: october + 19),
      .init(level: .provider, provider: "Microsoft", id: "Microsoft", lastDay: october + 14),
    ]
    return context
  }

  @Test func everyKindInTheTextTable() {
    let alerts = AlertRuleRegistry.evaluate(Self.context())
    #expect(Set(alerts.map(\.kind)) == Set(AlertRuleRegistry.kinds))
    let text = AlertsListing.text(alerts, month: 202610, asOfDay: Self.context().asOfDay)
    let outcome = GoldenFile.compare(
      text + "\n",
      path: Fixtures.path("golden/alerts/every-kind.txt")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  @Test func everyKindInJSON() throws {
    let json = AlertsListing.json(AlertRuleRegistry.evaluate(Self.context()))
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    #expect(parsed?.count == 7)
    let outcome = GoldenFile.compare(
      json + "\n",
      path: Fixtures.path("golden/alerts/every-kind.json")
    )
    #expect(outcome == .matches, "\(outcome)")
  }
}

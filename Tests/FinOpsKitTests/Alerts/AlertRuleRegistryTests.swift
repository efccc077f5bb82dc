import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct AlertRuleRegistryTests {
  @Test func everyRuleFileIsRegisteredOnceAndEveryKindIsUnique() throws {
    let folder = Fixtures.packageRoot.appendingPathComponent("Sources/FinOpsKit/Alerts/Rules")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }.sorted()
    let registered = AlertRuleRegistry.builtIn.map { String(describing: type(of: $0)) }
    #expect(registered.sorted() == files)
    #expect(Set(AlertRuleRegistry.kinds).count == AlertRuleRegistry.kinds.count)
  }

  @Test func theKindsAreTheOnesTheDesignNames() {
    #expect(
      Set(AlertRuleRegistry.kinds)
        == [
          "budget_actual", "budget_forecast", "pilot_lifetime", "innovation_share",
          "unallocated", "anomaly", "stale_data",
        ]
    )
    for rule in AlertRuleRegistry.builtIn {
      #expect(!type(of: rule).summary.isEmpty)
    }
  }

  @Test func alertsAreSortedCriticalFirstThenByRuleOrder() {
    var context = AlertContext(
      configuration: FinOpsConfiguration(),
      month: 202610,
      asOfDay: AlertMonth.lastDay(202610)
    )
    context.total = 1000_000_000_000
    context.unallocated = 300_000_000_000
    context.budgets = [
      .init(
        owner: .team("b"),
        name: "B",
        spend: 900_000_000_000,
        forecast: nil,
        budget: 1000_000_000_000
      ),
      .init(
        owner: .team("a"),
        name: "A",
        spend: 2000_000_000_000,
        forecast: nil,
        budget: 1000_000_000_000
      ),
    ]
    let alerts = AlertRuleRegistry.evaluate(context)
    #expect(
      alerts.map(\.kind) == ["budget_actual", "unallocated", "budget_actual", "innovation_share"]
    )
    #expect(alerts.map(\.subject) == ["team:a", "unallocated", "team:b", "innovation"])
  }
}

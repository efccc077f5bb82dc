import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// The figures the rules read, measured from real charges in a database.
struct AlertContextLoaderTests {
  static let configuration = """
    innovation: {target: 0}
    teams:
      - {id: payments, monthly_budget: 1000}
    rules:
      - name: team tag
        when: {tags: {team: "*"}}
        team: "{tags.team}"
    """

  /// October 2026: sub-1 spends 10.00 a day on days 1-20, sub-2 5.00 a day on days 1-12 (then
  /// its data stops), and a 3.00 tax charge on day 3.
  static func database() throws -> SpendDatabase {
    var rows: [String] = []
    for day in 1...20 {
      rows.append(TinyFOCUS.row(cost: "10.00", day: day < 10 ? "0\(day)" : "\(day)"))
    }
    for day in 1...12 {
      rows.append(
        TinyFOCUS.row(cost: "5.00", day: day < 10 ? "0\(day)" : "\(day)", subAccount: "sub-2")
      )
    }
    rows.append(TinyFOCUS.row(cost: "3.00", day: "03", service: "Tax", category: "Tax"))
    let folder = TemporaryDirectory()
    let path = folder.write("oct.csv", TinyFOCUS.file(rows))
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    return database
  }

  @Test func measuresSpendDailySeriesAndFreshness() throws {
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: Self.configuration,
      path: "finops.yaml"
    )
    let october = AlertMonth.firstDay(202610)
    let context = try AlertContextLoader(configuration: configuration)
      .load(month: 202610, asOfDay: october + 19, database: try Self.database())
    let usd: Int128 = 1_000_000_000
    // 20 x 10 + 12 x 5 + 3 = 263.00, all owned by payments through the team tag.
    #expect(context.total == 263 * usd)
    #expect(context.unallocated == 0)
    #expect(context.budgets.map(\.spend) == [263 * usd])
    #expect(context.dataDays == october...(october + 19))
    let series = Dictionary(uniqueKeysWithValues: context.dailySeries.map { ($0.subject, $0) })
    #expect(
      series.keys.sorted() == [
        "service:Amazon EC2", "sub_account:sub-1", "sub_account:sub-2", "team:payments",
      ]
    )
    // The tax charge is not usage: day 3 is 15.00 like its neighbours.
    #expect(series["team:payments"]?.amounts[october + 2] == 15 * usd)
    #expect(series["service:Amazon EC2"]?.amounts[october + 12] == 10 * usd)
    #expect(series["sub_account:sub-2"]?.amounts.count == 12)
    let freshness = Dictionary(
      uniqueKeysWithValues: context.freshness.map { ($0.subject, $0.lastDay - october + 1) }
    )
    #expect(
      freshness == [
        "provider:AWS": 20, "billing_account:AWS/acct-1": 20, "sub_account:AWS/sub-1": 20,
        "sub_account:AWS/sub-2": 12,
      ]
    )
    let alerts = AlertRuleRegistry.evaluate(context)
    // sub-2 stops 8 days before the 20th; spend 263 of 1000 raises nothing. The forecast's
    // 7-day window (days 14-20) holds only sub-1's 10.00 a day: 263 + 70 / 7 x 11 remaining
    // days = 373, under budget.
    #expect(alerts.map(\.fingerprint) == ["stale_data|sub_account:AWS/sub-2|2026-10"])
    #expect(context.budgets.first?.forecast == 373 * usd)
  }

  @Test func freshnessCountsDataUpToTheAsOfDateWhateverTheMonth() throws {
    let database = try Self.database()
    let october = AlertMonth.firstDay(202610)
    let loader = AlertContextLoader(configuration: FinOpsConfiguration())
    // September judged on 2026-10-20 sees October's data: only sub-2 is late.
    let september = try loader.load(month: 202609, asOfDay: october + 19, database: database)
    #expect(
      AlertRuleRegistry.evaluate(september).filter { $0.kind == "stale_data" }.map(\.subject)
        == ["sub_account:AWS/sub-2"]
    )
    // As of the 10th, later charges do not count and nothing is late.
    let early = try loader.load(month: 202610, asOfDay: october + 9, database: database)
    #expect(early.freshness.allSatisfy { $0.lastDay == october + 9 })
    #expect(StaleDataRule().evaluate(early).isEmpty)
  }
}

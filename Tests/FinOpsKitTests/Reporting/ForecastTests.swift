import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct ForecastTests {
  private static let configuration = """
    currency: USD
    teams:
      - {id: payments, monthly_budget: 70000}
    rules:
      - name: team tag
        when: {tags: {team: "*"}}
        team: "{tags.team}"
    """

  private func database(_ rows: [String]) throws -> SpendDatabase {
    let folder = TemporaryDirectory()
    let path = folder.write("sep.csv", TinyFOCUS.file(rows))
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    return database
  }

  private func engine() throws -> AllocationEngine {
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: Self.configuration,
      path: "finops.yaml"
    )
    return AllocationEngine(configuration: configuration)
  }

  private static func day(_ day: Int) -> String { day < 10 ? "0\(day)" : "\(day)" }

  /// The example: 1,000/day of usage and a 30,000 one-time fee on day 1, as of day 10
  /// of a 30-day month.
  @Test func aOneTimeFeeIsNotExtrapolated() throws {
    var rows = (1...10).map { TinyFOCUS.row(cost: "1000", period: "2026-09", day: Self.day($0)) }
    rows.append(TinyFOCUS.row(cost: "30000", period: "2026-09", day: "01", category: "Purchase"))
    // Data after the as-of day is not counted.
    rows.append(TinyFOCUS.row(cost: "5000", period: "2026-09", day: "15"))
    let forecast = try Forecast.compute(
      month: ReportMonth(202609),
      asOfDay: 10,
      engine: try engine(),
      database: try database(rows)
    )
    #expect(forecast.spent.total == 40_000 * 1_000_000_000)
    #expect(forecast.window == 4...10)
    #expect(forecast.remainingDays == 20)
    #expect(forecast.total == 60_000 * 1_000_000_000)
    #expect(forecast.forecast(for: .team("payments")) == 60_000 * 1_000_000_000)
    // A plain average (40,000 / 10 days x 30) would say 120,000.
    #expect(forecast.total != 120_000 * 1_000_000_000)
  }

  @Test func theRunRateFollowsTheLastSevenDays() throws {
    // 100/day for days 1-3, then 800/day for days 4-10: the window (4-10) sees 800/day.
    let rows = (1...10).map {
      TinyFOCUS.row(cost: $0 <= 3 ? "100" : "800", period: "2026-09", day: Self.day($0))
    }
    let forecast = try Forecast.compute(
      month: ReportMonth(202609),
      asOfDay: 10,
      engine: try engine(),
      database: try database(rows)
    )
    #expect(forecast.spent.total == 5_900 * 1_000_000_000)
    #expect(forecast.total == (5_900 + 20 * 800) * 1_000_000_000)
  }

  @Test func earlyInTheMonthTheWindowIsShorter() throws {
    let rows = [TinyFOCUS.row(cost: "300", period: "2026-09", day: "01")]
    let forecast = try Forecast.compute(
      month: ReportMonth(202609),
      asOfDay: 1,
      engine: try engine(),
      database: try database(rows)
    )
    #expect(forecast.window == 1...1)
    #expect(forecast.total == 300 * 30 * 1_000_000_000)
  }

  @Test func aCompleteMonthForecastsItsActualSpend() throws {
    let rows = [
      TinyFOCUS.row(cost: "300", period: "2026-09", day: "01"),
      TinyFOCUS.row(cost: "30", period: "2026-09", day: "30", category: "Purchase"),
    ]
    let database = try database(rows)
    for asOf in [nil, 30, 45] {
      let forecast = try Forecast.compute(
        month: ReportMonth(202609),
        asOfDay: asOf,
        engine: try engine(),
        database: database
      )
      #expect(forecast.isComplete)
      #expect(forecast.total == 330 * 1_000_000_000)
      #expect(forecast.projected.isEmpty)
    }
  }

  @Test func projectionRoundsHalfToEven() {
    #expect(Forecast.project(usage: 7, windowDays: 7, remainingDays: 20) == 20)
    #expect(Forecast.project(usage: 1, windowDays: 2, remainingDays: 1) == 0)
    #expect(Forecast.project(usage: 3, windowDays: 2, remainingDays: 1) == 2)
    #expect(Forecast.project(usage: -3, windowDays: 2, remainingDays: 1) == -2)
    #expect(Forecast.project(usage: 10, windowDays: 3, remainingDays: 1) == 3)
    #expect(Forecast.project(usage: 10, windowDays: 3, remainingDays: 0) == 0)
  }
}

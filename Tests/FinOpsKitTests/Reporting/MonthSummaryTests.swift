import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// The worked month of `AllocationEngineTests` with budgets, a pilot that started the month
/// before, and an innovation team; the expected figures are worked out by hand below.
struct MonthSummaryTests {
  static let configuration = """
    currency: USD
    fx: {EUR: 1.10}
    innovation: {target: 0.10, teams: [ai-lab]}
    teams:
      - {id: payments, monthly_budget: 120}
      - {id: search, monthly_budget: 100}
      - {id: support, monthly_budget: 25}
      - {id: ai-lab, monthly_budget: 10}
    pilots:
      - {id: support-copilot, team: support, monthly_budget: 40, total_budget: 50,
         start: 2026-09, end: 2026-12}
    rules:
      - name: pilot tag
        when: {tags: {pilot: "*"}}
        pilot: "{tags.pilot}"
      - name: payments accounts
        when: {sub_account_id: ["111", "444"]}
        team: payments
      - name: team tag
        when: {tags: {team: "*"}}
        team: "{tags.team}"
    shared:
      - name: tax
        when: {charge_category: Tax}
        split: proportional
        among: [payments, search, support]
    """

  /// September: payments 80.00 and the pilot 25.00.
  static let september = [
    TinyFOCUS.row(cost: "80.00", period: "2026-09", subAccount: "111", tags: ""),
    TinyFOCUS.row(
      cost: "25.00",
      period: "2026-09",
      service: "Amazon Bedrock",
      subAccount: "222",
      tags: AllocationEngineTests.tags([("pilot", "support-copilot")])
    ),
  ]

  static func summary(asOfDay: Int? = nil) throws -> MonthSummary {
    let folder = TemporaryDirectory()
    let path = folder.write(
      "both.csv",
      TinyFOCUS.file(september + AllocationEngineTests.month)
    )
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: Self.configuration,
      path: "finops.yaml"
    )
    return try MonthSummaryBuilder(configuration: configuration)
      .build(month: ReportMonth(202610), asOfDay: asOfDay, database: database)
  }

  private let unit: Int128 = 1_000_000_000
  private let cent: Int128 = 10_000_000

  @Test func teamsPilotsAndUnallocatedAddUpToTheTotalAfterRounding() throws {
    let summary = try Self.summary()
    // 100 + 50 + 30 + 20 + 7 + 15 (tax) + 11 (EUR 10 at 1.10).
    #expect(summary.total == 233 * unit)
    #expect(summary.reportedTotal == 233 * unit)
    let parts =
      summary.teams.map(\.reportedSpend) + summary.pilots.map(\.reportedSpend)
      + [summary.reportedUnallocated]
    #expect(parts.reduce(0, +) == summary.reportedTotal)
    // Tax 15 split 111:50:20. Payments 111 + 9.198895..., search 54.143646...,
    // support 21.657458...: rounded down 120.19, 54.14, 21.65 leave two cents, which go to
    // the largest remainders (payments .0089, support .0075).
    #expect(summary.teams.map(\.reportedSpend) == [12_020 * cent, 5_414 * cent, 2_166 * cent, 0])
    #expect(summary.teams[0].direct == 111 * unit)
    #expect(summary.teams[0].spend == summary.teams[0].direct + summary.teams[0].shared)
  }

  @Test func aCompleteMonthShowsTheSameForecastAsSpend() throws {
    let summary = try Self.summary()
    #expect(summary.teams.allSatisfy { $0.reportedForecast == $0.reportedSpend })
    #expect(summary.pilots.allSatisfy { $0.reportedForecast == $0.reportedSpend })
    #expect(summary.forecastTotal == summary.total)
  }

  @Test func budgetsLifetimeAndMonthsActive() throws {
    let summary = try Self.summary()
    let status = Dictionary(uniqueKeysWithValues: summary.teams.map { ($0.id, $0.status) })
    #expect(
      status == ["payments": .over, "search": .onTrack, "support": .warning, "ai-lab": .onTrack]
    )
    let pilot = try #require(summary.pilots.first)
    #expect(pilot.spend == 30 * unit)
    #expect(pilot.lifetimeSpend == 55 * unit)
    #expect(pilot.monthsActive == 2)
    #expect(pilot.status == .onTrack)
    #expect(pilot.lifetimeStatus == .over)
    // The pilot rolls up under support without being counted in support's budget spend.
    let support = try #require(summary.teams.first { $0.id == "support" })
    #expect(support.pilotSpend == 30 * unit)
    #expect(support.direct == 20 * unit)
  }

  @Test func innovationShareAndGapToTarget() throws {
    let summary = try Self.summary()
    // Pilot 30 + ai-lab 0 of 233: 12.875...% against a 10% target of 23.30.
    #expect(summary.innovation.spend == 30 * unit)
    #expect(summary.innovation.share == 30 * unit * unit / (233 * unit))
    #expect(summary.innovation.targetSpend == 2_330 * cent)
    #expect(summary.innovation.gap == -670 * cent)
  }

  @Test func changeFromLastMonthAndMovers() throws {
    let summary = try Self.summary()
    #expect(summary.previousTotal == 105 * unit)
    #expect(summary.change == 128 * unit)
    let payments = try #require(summary.teams.first)
    #expect(payments.previousSpend == 80 * unit)
    #expect(payments.change == payments.spend - 80 * unit)
    let services = summary.topMovers.filter { $0.kind == "service" }
    // EC2 grew from 80 to 188 (everything but Bedrock 30 and Tax 15); Bedrock grew by 5.
    #expect(services.map(\.name) == ["Amazon EC2", "Tax", "Amazon Bedrock"])
    #expect(services.first?.change == 108 * unit)
  }

  @Test func coverageAndUnallocatedItems() throws {
    let summary = try Self.summary()
    #expect(summary.unallocated == 7 * unit)
    #expect(summary.coverage == (233 - 7) * unit * unit / (233 * unit))
    #expect(
      summary.unallocatedItems == [
        .init(
          provider: "AWS",
          subAccount: "333",
          service: "Amazon EC2",
          amount: 7 * unit,
          charges: 1
        )
      ]
    )
    // Every charge of the month is on day 5, in two billing accounts.
    #expect(summary.dataCoverage.map(\.account) == ["acct-1", "acct-eu"])
    #expect(summary.dataCoverage.allSatisfy { $0.days == [5] })
    #expect(summary.daily.count == 31)
    #expect(summary.daily[4].amount == 233 * unit)
  }

  @Test func aMonthInProgressCountsOnlyTheDaysUpToAsOf() throws {
    let early = try Self.summary(asOfDay: 4)
    #expect(early.total == 0)
    #expect(early.asOfDay == 4)
    #expect(early.dataCoverage.isEmpty)
    let later = try Self.summary(asOfDay: 10)
    #expect(later.total == 233 * unit)
    #expect(later.dataCoverage.first?.missingDays == [1, 2, 3, 4, 6, 7, 8, 9, 10])
    // Only usage charges are extrapolated: Tax (15) is not; the 218 of usage on day 5 is in the
    // 7-day window 4-10: 218 / 7 a day for the 21 remaining days is 654.
    #expect(later.forecastTotal == (233 + 654) * unit)
    let teamForecasts = later.teams.map(\.forecast).reduce(0, +)
    let pilotForecasts = later.pilots.map(\.forecast).reduce(0, +)
    #expect(teamForecasts + pilotForecasts + later.unallocatedForecast == later.forecastTotal)
  }
}

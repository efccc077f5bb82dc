import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Usage records (tokens, requests) never add to spend: not to the import totals, not to the
/// allocation, not to what `finops doctor` reconciles.
struct AIUsageIsNeverSpendTests {
  static let configuration = """
    currency: USD
    teams:
      - {id: support, monthly_budget: 1000}
      - {id: search, monthly_budget: 1000}
    rules:
      - name: support project
        when: {sub_account_id: [proj_support, wrkspc_support]}
        team: support
      - name: search project
        when: {sub_account_id: proj_search}
        team: search
    """

  private func path(_ format: String, _ name: String) -> String {
    let base = Fixtures.path("importers/\(format)/\(name)")
    return FileManager.default.fileExists(atPath: base + ".json") ? base + ".json" : base
  }

  private func allocation(_ database: SpendDatabase) throws -> MonthAllocation {
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: Self.configuration,
      path: "finops.yaml"
    )
    return try AllocationEngine(configuration: configuration).allocate(month: 202610, in: database)
  }

  @Test func usageOnlyPagesWriteNoChargeAndNoMoney() throws {
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(
        IngestOptions(paths: [
          path("openai-usage", "completions-by-model-paginated"),
          path("anthropic-usage-report", "usage-by-model-and-workspace"),
        ])
      )
    #expect(report.rowCount == 0)
    #expect(report.usageCount > 0)
    #expect(report.scopes.allSatisfy { $0.billedCost == 0 && $0.effectiveCost == 0 })
    let charges = try database.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM charge")
    }
    #expect(charges == 0)
    #expect(try allocation(database).total == 0)
    let doctor = try DatabaseDoctor.check(database)
    #expect(doctor.findings == [])
    #expect(doctor.chargesChecked == 0)
  }

  @Test func addingUsageToCostsChangesNoTotal() throws {
    let costs = [
      path("openai-costs", "costs-by-project-and-line-item"),
      path("anthropic-cost-report", "cost-by-workspace-and-description"),
    ]
    let usage = [
      path("openai-usage", "completions-by-model-paginated"),
      path("anthropic-usage-report", "usage-by-model-and-workspace"),
    ]
    let costsOnly = try SpendDatabase.inMemory()
    let alone = try Ingestor(database: costsOnly, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: costs))
    let both = try SpendDatabase.inMemory()
    let together = try Ingestor(database: both, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: costs + usage))
    func billed(_ report: IngestReport) -> Int128 { report.scopes.reduce(0) { $0 + $1.billedCost } }
    #expect(billed(together) == billed(alone))
    #expect(together.rowCount == alone.rowCount)
    let withUsage = try allocation(both)
    let withoutUsage = try allocation(costsOnly)
    #expect(withUsage.total == withoutUsage.total)
    #expect(withUsage.byOwner == withoutUsage.byOwner)
    #expect(try DatabaseDoctor.check(both).findings == [])
    #expect(try DatabaseDoctor.check(both).chargesChecked == Int64(alone.rowCount))
  }

  @Test func doctorNoticesAUsageRecordThatWentMissing() throws {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn()).ingest(
      IngestOptions(paths: [path("anthropic-usage-report", "usage-by-model-and-workspace")])
    )
    try database.writer.write { db in
      try db.execute(sql: "DELETE FROM aiUsage WHERE id = (SELECT MIN(id) FROM aiUsage)")
    }
    let findings = try DatabaseDoctor.check(database).findings
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("recorded 7 usage records but holds 6") == true)
  }
}

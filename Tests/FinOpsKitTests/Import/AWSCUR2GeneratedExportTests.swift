import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The demo's AWS CUR 2.0 delivery: deterministic, imported through its manifest with the
/// aws-cur-2 mapping, reconciled, and carrying what the demo needs to show.
struct AWSCUR2GeneratedExportTests {
  @Test func theSameSeedWritesTheSameFiles() throws {
    let first = TemporaryDirectory()
    let second = TemporaryDirectory()
    let a = try AWSCUR2ExportGenerator(month: 202609, seed: 5).write(to: first.url.path)
    let b = try AWSCUR2ExportGenerator(month: 202609, seed: 5).write(to: second.url.path)
    #expect(a.billed == b.billed)
    for (left, right) in zip(a.parts, b.parts) {
      #expect(
        FileManager.default.contents(atPath: left) == FileManager.default.contents(atPath: right)
      )
    }
  }

  @Test func aMonthImportsThroughItsManifestAndReconciles() throws {
    let folder = TemporaryDirectory()
    let written = try AWSCUR2ExportGenerator(month: 202609).write(to: folder.url.path)
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [written.manifest]))
    #expect(report.files.map(\.format) == ["aws-cur-2", "aws-cur-2"])
    #expect(report.scopes.count == 1)
    let scope = try #require(report.scopes.first)
    #expect(scope.billedCost == written.billed)
    var expected = DecimalColumnSum.Result(total: 0, rows: 0)
    for part in written.parts {
      let sum = try DecimalColumnSum.sum(column: "line_item_unblended_cost", csvPath: part)
      expected.total += sum.total
      expected.rows += sum.rows
    }
    #expect(Money.format(scope.billedCost) == expected.roundedToCents)
    #expect(report.rowCount == Int64(expected.rows))
    // A no-upfront Savings Plan: amortizing moves cost between lines, never changes the month.
    #expect(scope.effectiveCost == scope.billedCost)

    let facts = try database.writer.read { db in
      (
        pilot: try Int.fetchOne(
          db,
          sql: """
            SELECT COUNT(*) FROM focusCharge WHERE serviceName = 'Amazon Bedrock'
              AND json_extract(tags, '$.pilot') = 'support-copilot'
              AND json_extract(tags, '$.team') = 'support'
            """
        ),
        teams: try String.fetchAll(
          db,
          sql: """
            SELECT DISTINCT json_extract(tags, '$.team') FROM focusCharge
            WHERE tags IS NOT NULL ORDER BY 1
            """
        ),
        untagged: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM focusCharge WHERE tags IS NULL"),
        gpu: try String.fetchAll(
          db,
          sql: """
            SELECT DISTINCT skuMeter FROM focusCharge WHERE skuMeter LIKE '%p4d%'
              OR skuMeter LIKE '%g5.%' ORDER BY 1
            """
        ),
        categories: try String.fetchAll(
          db,
          sql: "SELECT DISTINCT chargeCategory FROM focusCharge ORDER BY 1"
        ),
        unused: try Int64.fetchOne(
          db,
          sql: """
            SELECT effectiveCostNanos FROM focusCharge
            WHERE commitmentDiscountType = 'Savings Plan' AND chargeCategory = 'Purchase'
            """
        )
      )
    }
    #expect((facts.pilot ?? 0) > 0)
    #expect(facts.teams == ["ai-lab", "payments", "platform", "search", "support"])
    #expect((facts.untagged ?? 0) > 0)
    #expect(facts.gpu == ["USE1-BoxUsage:g5.12xlarge", "USE1-BoxUsage:p4d.24xlarge"])
    #expect(facts.categories == ["Credit", "Purchase", "Tax", "Usage"])
    #expect((facts.unused ?? 0) > 0)
  }
}

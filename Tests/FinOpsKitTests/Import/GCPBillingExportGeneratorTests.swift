import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The demo's generated GCP billing export: deterministic, recognized, and its imported
/// BilledCost and EffectiveCost equal the generator's exact invoice total (cost plus credits,
/// tax and adjustment included) and an independent sum of the file.
struct GCPBillingExportGeneratorTests {
  @Test func importedTotalsReconcileWithTheInvoiceTotal() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("gcp.jsonl")
    let exact = try GCPBillingExportGenerator(month: 202610, seed: 3).write(rows: 3_000, to: path)
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(report.files.map(\.format) == ["gcp-billing-export"])
    // Usage rows, one commitment fee a day, a tax row per project, one adjustment.
    #expect(report.rowCount == 3_000 + 31 + 6 + 1)
    let (billed, effective) = try database.writer.read { db in
      let row = try Row.fetchOne(
        db,
        sql: "SELECT SUM(billedCostNanos), SUM(effectiveCostNanos) FROM charge"
      )
      return (row?[0] as Int64? ?? 0, row?[1] as Int64? ?? 0)
    }
    #expect(Int128(billed) == exact)
    #expect(Int128(effective) == exact)
    let independent = try InvoiceTotal.of(jsonLines: path)
    #expect(Money.format(Int128(billed)) == independent.roundedToCents)

    let categories = try database.writer.read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT chargeCategory FROM focusCharge ORDER BY 1")
    }
    #expect(categories == ["Adjustment", "Tax", "Usage"])
    let teams = try database.writer.read { db in
      try String.fetchAll(
        db,
        sql: "SELECT DISTINCT json_extract(tags, '$.team') FROM focusCharge WHERE tags IS NOT NULL"
          + " ORDER BY 1"
      )
    }
    #expect(teams == ["ai-lab", "payments", "platform", "search", "support"])
  }

  @Test func theSameSeedWritesTheSameFile() throws {
    let folder = TemporaryDirectory()
    let first = folder.path("a.jsonl")
    let second = folder.path("b.jsonl")
    try GCPBillingExportGenerator(month: 202609, seed: 11).write(rows: 200, to: first)
    try GCPBillingExportGenerator(month: 202609, seed: 11).write(rows: 200, to: second)
    #expect(
      FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second)
    )
  }
}

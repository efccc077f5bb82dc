import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The demo's generated Azure cost details: deterministic, detected by view, and reconciling
/// exactly when both views of a month are ingested together.
struct AzureGeneratedExportTests {
  @Test func theSameSeedAndMonthWriteTheSameBytes() throws {
    let folder = TemporaryDirectory()
    let first = folder.path("a-amortized.csv")
    let second = folder.path("b-amortized.csv")
    try AzureCostExportGenerator(month: 202609, seed: 3).write(.amortized, to: first)
    try AzureCostExportGenerator(month: 202609, seed: 3).write(.amortized, to: second)
    #expect(
      FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second)
    )
  }

  @Test func bothViewsTogetherGiveTheInvoiceAndTheAmortizedTotalExactly() throws {
    let folder = TemporaryDirectory()
    let generator = AzureCostExportGenerator(month: 202610, seed: 5)
    let actualPath = folder.path("azure-actual-202610.csv")
    let amortizedPath = folder.path("azure-amortized-202610.csv")
    let actual = try generator.write(.actual, to: actualPath)
    let amortized = try generator.write(.amortized, to: amortizedPath)
    // The monthly reservation payment equals its hours, so both views total the same.
    #expect(actual == amortized)
    for path in [actualPath, amortizedPath] {
      let reference = try DecimalColumnSum.sum(column: "costInBillingCurrency", csvPath: path)
      #expect(reference.roundedToCents == Money.format(actual))
    }
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [folder.url.path]))
    #expect(report.files.map(\.format) == ["azure-cost-details", "azure-cost-details-amortized"])
    let totals = try database.writer.read { db in
      try Row.fetchOne(db, sql: "SELECT SUM(billedCostNanos), SUM(effectiveCostNanos) FROM charge")
    }
    #expect(Int128(try #require(totals)[0] as Int64) == actual)
    #expect(Int128(try #require(totals)[1] as Int64) == amortized)
  }

  @Test func theExportHoldsTheDemoTeamsAIUsageAGPUAndAReservation() throws {
    let folder = TemporaryDirectory()
    let generator = AzureCostExportGenerator(month: 202608, seed: 1)
    try generator.write(.actual, to: folder.path("azure-actual-202608.csv"))
    try generator.write(.amortized, to: folder.path("azure-amortized-202608.csv"))
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [folder.url.path]))
    let rows = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT chargeCategory, commitmentDiscountStatus, skuMeter, serviceSubcategory,
            json_extract(tags, '$.team') AS team, json_extract(tags, '$.pilot') AS pilot
          FROM focusCharge
          """
      )
    }
    let teams = Set(rows.compactMap { $0["team"] as String? })
    #expect(teams == ["payments", "search", "support", "ai-lab", "platform"])
    #expect(
      rows.contains {
        ($0["team"] as String?) == nil && ($0["chargeCategory"] as String?) == "Usage"
      }
    )
    let openAI = rows.filter { ($0["serviceSubcategory"] as String?) == "Azure OpenAI" }
    #expect(openAI.contains { ($0["pilot"] as String?) == "support-copilot" })
    #expect(openAI.contains { ($0["team"] as String?) == "ai-lab" })
    #expect(
      rows.contains {
        ($0["skuMeter"] as String?) == "NC24ads A100 v4" && ($0["team"] as String?) == "ai-lab"
      }
    )
    #expect(rows.contains { ($0["chargeCategory"] as String?) == "Purchase" })
    #expect(rows.contains { ($0["commitmentDiscountStatus"] as String?) == "Unused" })
    #expect(!rows.contains { ($0["chargeCategory"] as String?) == "Tax" })
  }
}

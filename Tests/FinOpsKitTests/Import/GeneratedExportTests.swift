import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The benchmark's generated FOCUS 1.2 export, at a size tests can afford: the imported total
/// reconciles to the cent with the generator's exact ten-decimal total.
struct GeneratedExportTests {
  @Test func importedTotalsReconcileWithTheGeneratorToTheCent() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("focus.csv")
    let exact = try FOCUSExportGenerator(month: 202610, seed: 7).write(rows: 20_000, to: path)
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(report.rowCount == 20_000)
    #expect(report.files.first?.version == "1.2")
    let stored = try database.writer.read { db in
      try Int64.fetchOne(db, sql: "SELECT SUM(billedCostNanos) FROM charge") ?? 0
    }
    let expectedCents = ScaledDecimal.round(exact, scale: 10, places: 2) / 100_000_000
    let storedCents = ScaledDecimal.round(Int128(stored), scale: 9, places: 2) / 10_000_000
    #expect(storedCents == expectedCents)
    let scopeTotal = try #require(report.scopes.first).billedCost
    #expect(scopeTotal == Int128(stored))
    // Profiles deduplicate the descriptive attributes of the charges.
    let profiles = try database.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chargeProfile") ?? 0
    }
    #expect(profiles < 20_000 / 4)
  }
}

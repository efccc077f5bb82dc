import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

struct DatabaseDoctorTests {
  private func populated() throws -> SpendDatabase {
    let folder = TemporaryDirectory()
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let first = folder.write(
      "v1.csv",
      TinyFOCUS.file([TinyFOCUS.row(cost: "1.00"), TinyFOCUS.row(cost: "2.00", day: "06")])
    )
    let second = folder.write(
      "v2.csv",
      TinyFOCUS.file([TinyFOCUS.row(cost: "5.00"), TinyFOCUS.row(cost: "1.00", period: "2026-09")])
    )
    _ = try ingestor.ingest(IngestOptions(paths: [first]))
    _ = try ingestor.ingest(IngestOptions(paths: [second]))
    return database
  }

  @Test func aFreshlyImportedDatabaseWithReplacementsIsSound() throws {
    let report = try DatabaseDoctor.check(try populated())
    #expect(report.findings == [])
    #expect(report.scopesChecked == 2)
    #expect(report.chargesChecked == 2)
  }

  @Test func replacedScopesLeaveNoProfilesBehind() throws {
    let database = try populated()
    let profiles = try database.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chargeProfile") ?? 0
    }
    #expect(profiles == 2)
  }

  @Test func aChangedAmountIsReportedAgainstTheRecordedTotals() throws {
    let database = try populated()
    try database.writer.write { db in
      try db.execute(sql: "UPDATE charge SET billedCostNanos = billedCostNanos + 1 WHERE id = 3")
    }
    let findings = try DatabaseDoctor.check(database).findings
    #expect(findings.count == 1)
    #expect(findings.first?.check == "totals")
    #expect(findings.first?.message.contains("billed 5.00 effective") == false)
    #expect(findings.first?.message.contains("but holds 1 rows, billed 5.000000001") == true)
  }

  @Test func orphanedRowsAreReported() throws {
    let database = try populated()
    try database.writer.write { db in
      try db.execute(
        sql: "DELETE FROM chargeProfile WHERE id = (SELECT MIN(profileId) FROM charge)"
      )
      try db.execute(sql: "UPDATE charge SET fileId = 999 WHERE id = (SELECT MAX(id) FROM charge)")
    }
    let messages = try DatabaseDoctor.check(database).findings.map(\.description)
    #expect(messages.contains("error: [orphans] 1 charges refer to a missing profile"))
    #expect(messages.contains("error: [orphans] 1 charges refer to a missing file"))
  }
}

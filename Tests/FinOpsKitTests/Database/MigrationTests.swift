import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

struct MigrationTests {
  private func columns(_ table: String, _ database: SpendDatabase) throws -> [String] {
    try database.writer.read { db in try db.columns(in: table).map(\.name) }
  }

  @Test func chargeTablesHoldEveryNormalizedColumnExactlyOnce() throws {
    let database = try SpendDatabase.inMemory()
    let charge = try columns("charge", database)
    let profile = try columns("chargeProfile", database)
    #expect(
      Array(charge.prefix(6)) == ["id", "scopeId", "fileId", "sourceLine", "month", "profileId"]
    )
    #expect(Array(charge.dropFirst(6)) == ChargeColumn.perCharge.map(\.sqlName))
    #expect(Array(profile.prefix(2)) == ["id", "scopeId"])
    #expect(Array(profile.dropFirst(2)) == ChargeColumn.profile.map(\.sqlName))
    let view = try columns("focusCharge", database)
    #expect(Array(view.dropFirst(6)) == ChargeColumn.allCases.map(\.sqlName))
  }

  @Test func moneyColumnsAreIntegers() throws {
    let database = try SpendDatabase.inMemory()
    let types = try database.writer.read { db in
      try Dictionary(uniqueKeysWithValues: db.columns(in: "charge").map { ($0.name, $0.type) })
    }
    for column in ChargeColumn.allCases where column.kind == .money {
      #expect(types[column.sqlName] == "INTEGER", "\(column.sqlName)")
    }
  }

  @Test func aDatabaseFromANewerFinopsIsRefused() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("future.sqlite")
    _ = try SpendDatabase(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
    }
    #expect(throws: StoreError.newerDatabase(path: path)) { try SpendDatabase(path: path) }
  }

  @Test func reopeningAnExistingDatabaseKeepsItsData() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("spend.sqlite")
    let csv = folder.write("oct.csv", TinyFOCUS.file([TinyFOCUS.row(cost: "4.20")]))
    do {
      let database = try SpendDatabase(path: path)
      _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [csv]))
    }
    let reopened = try SpendDatabase(path: path)
    #expect(try ImportHistory.batches(in: reopened).first?.rowCount == 1)
    let mode = try reopened.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode")
    }
    #expect(mode == "wal")
  }
}

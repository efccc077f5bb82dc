import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The ingest pipeline (parsing thread + SQLite thread) stops cleanly on either side's failure
/// and leaves the database as it was.
struct IngestPipelineTests {
  private func generated(rows: Int, in folder: TemporaryDirectory) throws -> String {
    let path = folder.path("focus.csv")
    try FOCUSExportGenerator(month: 202610, seed: 3).write(rows: rows, to: path)
    return path
  }

  @Test func aDatabaseFailureMidwayStopsTheParserAndRollsBack() throws {
    let folder = TemporaryDirectory()
    let path = try generated(rows: 30_000, in: folder)
    let database = try SpendDatabase.inMemory()
    try database.writer.write { db in
      try db.execute(
        sql: """
          CREATE TRIGGER injectedFailure BEFORE INSERT ON charge WHEN NEW.sourceLine = 20000
          BEGIN SELECT RAISE(ABORT, 'injected failure'); END
          """
      )
    }
    let before = try DatabaseSnapshot.dump(database)
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    #expect {
      try ingestor.ingest(IngestOptions(paths: [path]))
    } throws: { error in
      "\(error)".contains("injected failure")
    }
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  @Test func aBadRowLateInALargeFileRollsBackRowsAlreadyWritten() throws {
    let folder = TemporaryDirectory()
    let path = try generated(rows: 30_000, in: folder)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seekToEnd()
    let bad = Array(repeating: "x", count: FOCUSExportGenerator.columns.count)
      .joined(separator: ",")
    try handle.write(contentsOf: Data((bad + "\n").utf8))
    try handle.close()
    let database = try SpendDatabase.inMemory()
    let before = try DatabaseSnapshot.dump(database)
    #expect {
      try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [path]))
    } throws: { error in
      "\(error)".contains(
        "focus.csv:30002: error: [focus] column 'BillingPeriodStart' has unparseable date 'x'"
      )
    }
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  @Test func manyRejectedRowsAcrossBatchesAreAllKept() throws {
    let folder = TemporaryDirectory()
    var lines = [TinyFOCUS.header]
    for index in 0..<6_000 {
      lines.append(index % 3 == 0 ? "broken,\"row \(index)\"" : TinyFOCUS.row(cost: "0.01"))
    }
    let path = folder.write("mixed.csv", lines.joined(separator: "\n") + "\n")
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path], skipBadRows: true))
    #expect(report.rowCount == 4_000)
    #expect(report.rejectedCount == 2_000)
    let stored = try database.writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejectedRow") ?? 0,
        try Int64.fetchOne(db, sql: "SELECT SUM(billedCostNanos) FROM charge") ?? 0
      )
    }
    #expect(stored.0 == 2_000)
    #expect(stored.1 == 40_000_000_000)
  }
}

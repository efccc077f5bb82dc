import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// A property test of the FOCUS importer's row mapping: rows of a realistic export with random
/// cells replaced by hostile values are either imported or set aside with a reason; nothing
/// crashes, and what lands always reconciles with the batch's recorded totals.
struct ImporterMutationTests {
  static let hostile = [
    "", "NULL", "abc", "1,5", "1e400", "-0", "1E-12", "2024-02-30", "9999-12-31T23:59:59Z",
    "{", "{\"a\":", "[]", "=cmd|'/C calc'!A0", "<b>x</b>", "\u{FEFF}", "é", "9223372036.9",
    String(repeating: "9", count: 40), "\"quoted\"", "line\nbreak",
  ]

  @Test func mutatedRowsAreImportedOrSetAsideNeverCrash() throws {
    let folder = TemporaryDirectory()
    let source = folder.path("clean.csv")
    try FOCUSExportGenerator(month: 202610, seed: 17).write(rows: 400, to: source)
    let lines = try String(contentsOfFile: source, encoding: .utf8)
      .split(separator: "\n").map(String.init)
    var random = SeededGenerator(seed: 2024)
    for round in 0..<8 {
      var mutated = [lines[0]]
      for line in lines.dropFirst() {
        var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // Only rows without quoted cells are split safely on commas; keep the others as they are.
        if !line.contains("\""), random.next() % 4 == 0 {
          let index = Int(random.next() % UInt64(cells.count))
          let value = Self.hostile[Int(random.next() % UInt64(Self.hostile.count))]
          cells[index] = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        mutated.append(cells.joined(separator: ","))
      }
      let path = folder.write("round-\(round).csv", mutated.joined(separator: "\n") + "\n")
      let database = try SpendDatabase.inMemory()
      let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [path], skipBadRows: true))
      #expect(report.rowCount + Int64(report.rejectedCount) == Int64(lines.count - 1))
      let doctor = try DatabaseDoctor.check(database)
      #expect(doctor.findings == [], "round \(round): \(doctor.findings)")
      let reasons = try ImportHistory.rejectedRows(batchId: 1, in: database).map(\.reason)
      #expect(reasons.allSatisfy { $0.hasPrefix("column '") || $0.hasPrefix("row has") })
    }
  }
}

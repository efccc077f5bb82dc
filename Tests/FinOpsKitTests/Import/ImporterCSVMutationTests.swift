import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// A property test of every CSV importer's row mapping.
///
/// Each example fixture of each importer that reads CSV is re-written with random cells replaced
/// by hostile values (seeded, so a failure is reproducible) and ingested with `--skip-bad-rows`. Nothing may crash; every row
/// the clean fixture imports is imported or set aside with a reason; no line is both; and the
/// doctor finds nothing. A file-level error (for example mixed currencies) must leave the
/// database empty and name the file.
struct ImporterCSVMutationTests {
  static let registry = (try? ImporterRegistry.builtIn()) ?? ImporterRegistry(importers: [])
  static let rounds = 5

  /// Example fixtures of every importer that reads CSV: (importer id, CSV path).
  static let cases: [(importer: String, path: String)] = {
    registry.importers.flatMap { importer in
      importer.descriptor.examples.compactMap { example in
        let path = Fixtures.path("importers/\(importer.descriptor.id)/\(example).csv")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return (importer.descriptor.id, path)
      }
    }
  }()

  @Test func everyCSVImporterHasMutationCases() throws {
    let importers = Set(Self.cases.map(\.importer))
    for id in ["aws-cur", "aws-cur-2", "azure-cost-details", "azure-cost-details-amortized"] {
      #expect(importers.contains(id), "\(id) has no CSV example")
    }
    #expect(importers.contains("focus") && importers.contains("gcp-billing-export"))
    #expect(importers.contains("anthropic-console-cost"))
  }

  @Test(arguments: Self.cases.map { "\($0.importer)|\($0.path)" })
  func mutatedCellsAreImportedOrSetAside(_ item: String) throws {
    let parts = item.split(separator: "|", maxSplits: 1).map(String.init)
    let (importer, fixture) = (parts[0], parts[1])
    let records = try Self.records(of: fixture)
    let name = URL(fileURLWithPath: fixture).lastPathComponent
    let baseline = try Self.coveredRecords(
      ingesting: fixture,
      importer: importer,
      recordLines: records.lines
    )
    #expect(!baseline.isEmpty, "\(name): the clean fixture imports nothing")
    var random = SeededGenerator(seed: UInt64(truncatingIfNeeded: name.utf8.count &* 7919))
    let folder = TemporaryDirectory()
    for round in 0..<Self.rounds {
      var rows = [records.header]
      for row in records.rows {
        var cells = row
        if random.next() % 2 == 0 {
          for _ in 0...(random.next() % 3) {
            let index = Int(random.next() % UInt64(cells.count))
            cells[index] = HostileValues.cell(using: &random)
          }
        }
        rows.append(cells)
      }
      let path = folder.write("\(round)-\(name)", Self.csv(rows))
      let lines = try Self.records(of: path).lines
      let context = "\(name) round \(round)"
      let database = try SpendDatabase.inMemory()
      do {
        _ = try Ingestor(database: database, registry: Self.registry)
          .ingest(IngestOptions(paths: [path], format: importer, skipBadRows: true))
      } catch {
        #expect(String(describing: error).contains(path), "\(context): \(error)")
        #expect(try Self.count("SELECT COUNT(*) FROM charge", in: database) == 0, "\(context)")
        #expect(try Self.count("SELECT COUNT(*) FROM importBatch", in: database) == 0)
        continue
      }
      let outcome = try Self.outcome(in: database)
      #expect(outcome.imported.isDisjoint(with: outcome.rejected), "\(context)")
      let covered = outcome.imported.union(outcome.rejected)
      for index in baseline {
        #expect(covered.contains(lines[index]), "\(context): row \(index + 1) vanished")
      }
      #expect(outcome.reasons.allSatisfy { !$0.isEmpty }, "\(context)")
      let doctor = try DatabaseDoctor.check(database)
      #expect(doctor.findings == [], "\(context): \(doctor.findings)")
    }
  }

  /// The header, the data rows as strings, and the line on which each data row starts.
  static func records(of path: String) throws -> (
    header: [String], rows: [[String]], lines: [Int]
  ) {
    let reader = CSVReader(source: try FileByteSource(path: path))
    guard try reader.nextRecord() else { return ([], [], []) }
    let header = reader.strings()
    var rows: [[String]] = []
    var lines: [Int] = []
    while try reader.nextRecord() {
      rows.append(reader.strings())
      lines.append(reader.recordLine)
    }
    return (header, rows, lines)
  }

  /// CSV text, quoting the cells that need it.
  static func csv(_ rows: [[String]]) -> String {
    rows.map { row in
      row.map { cell in
        let special = cell.contains { ",\"\n\r".contains($0) } || cell.hasPrefix(" ")
        return special ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
      }.joined(separator: ",")
    }.joined(separator: "\n") + "\n"
  }

  /// The indexes of the data rows a clean ingest imports (charges or usage records).
  static func coveredRecords(ingesting path: String, importer: String, recordLines: [Int])
    throws -> Set<Int>
  {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: Self.registry)
      .ingest(IngestOptions(paths: [path], format: importer, skipBadRows: true))
    let imported = try outcome(in: database).imported
    return Set(recordLines.indices.filter { imported.contains(recordLines[$0]) })
  }

  /// Lines that became charges or usage records, lines set aside, and the reasons given.
  static func outcome(in database: SpendDatabase) throws -> (
    imported: Set<Int>, rejected: Set<Int>, reasons: [String]
  ) {
    try database.writer.read { db in
      let imported = try Int.fetchAll(
        db,
        sql: "SELECT sourceLine FROM charge UNION SELECT sourceLine FROM aiUsage"
      )
      let rejected = try Row.fetchAll(db, sql: "SELECT line, reason FROM rejectedRow")
      return (
        Set(imported), Set(rejected.map { $0[0] as Int }), rejected.map { $0[1] as String }
      )
    }
  }

  static func count(_ sql: String, in database: SpendDatabase) throws -> Int {
    try database.writer.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
  }
}

import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

struct FOCUSImporterTests {
  @Test(arguments: Fixtures.cases(for: "focus"))
  func importsFixtureIntoGoldenNormalizedRows(name: String) throws {
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let report = try ingestor.ingest(
      IngestOptions(paths: [Fixtures.path("importers/focus/\(name).csv")])
    )
    #expect(report.files.map(\.format) == ["focus"])
    let outcome = GoldenFile.compare(
      try ChargeExport.csv(database),
      path: Fixtures.path("importers/focus/\(name).expected.csv")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  @Test(arguments: [
    ("focus-1.0-sample", "1.0"), ("focus-1.1-azure-style", "1.1"), ("focus-1.2-aws-style", "1.2"),
  ])
  func detectsTheFOCUSVersionFromTheHeader(name: String, version: String) throws {
    let sample = try InputFiles.sample(Fixtures.path("importers/focus/\(name).csv"))
    let matches = try ImporterRegistry.builtIn().recognizers(of: sample)
    #expect(matches.map(\.importer.descriptor.id) == ["focus"])
    #expect(matches.first?.version == version)
  }

  @Test func keepsUnmappedColumnsAsExtras() throws {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn()).ingest(
      IngestOptions(paths: [Fixtures.path("importers/focus/focus-1.2-aws-style.csv")])
    )
    let extras = try database.writer.read { db in
      try String.fetchOne(db, sql: "SELECT extras FROM charge ORDER BY sourceLine LIMIT 1")
    }
    let object = try JSONSerialization.jsonObject(with: Data((extras ?? "").utf8))
    let dictionary = try #require(object as? [String: String])
    #expect(dictionary["x_Operation"] == "InvokeModel")
    #expect(dictionary["x_ServiceCode"] == "AmazonBedrock")
    #expect(dictionary["PricingCurrencyEffectiveCost"] == "0.0150000000")
  }

  /// Reconciles the imported BilledCost with an independent exact sum of the real FOCUS sample.
  @Test(.enabled(if: Fixtures.sharedSamples != nil))
  func reconcilesTheRealFOCUSSampleToTheCent() throws {
    let folder = try #require(Fixtures.sharedSamples).appendingPathComponent("ai/focus")
    for name in ["focus_1.0_sample_1000rows.csv", "focus_1.0_sample_ai_and_gpu_rows.csv"] {
      let path = folder.appendingPathComponent(name).path
      let database = try SpendDatabase.inMemory()
      let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [path]))
      let expected = try DecimalColumnSum.sum(column: "BilledCost", csvPath: path)
      let stored = try database.writer.read { db in
        try Int64.fetchOne(db, sql: "SELECT SUM(billedCostNanos) FROM charge") ?? 0
      }
      #expect(Money.format(Int128(stored)) == expected.roundedToCents)
      let rows = try database.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM charge")
      }
      #expect(Int64(rows ?? 0) == report.rowCount)
      #expect(report.rowCount == Int64(expected.rows))
    }
  }
}

/// An independent reference sum: Foundation's `Decimal` over one column, read with a simple
/// line-by-line CSV splitter that is separate from the importer's reader.
enum DecimalColumnSum {
  struct Result {
    var total: Decimal
    var rows: Int
    var roundedToCents: String {
      var value = total
      var rounded = Decimal()
      NSDecimalRound(&rounded, &value, 2, .bankers)
      let formatter = NumberFormatter()
      formatter.minimumFractionDigits = 2
      formatter.maximumFractionDigits = 2
      formatter.usesGroupingSeparator = false
      formatter.locale = Locale(identifier: "en_US_POSIX")
      return formatter.string(from: rounded as NSDecimalNumber) ?? ""
    }
  }

  static func sum(column: String, csvPath: String) throws -> Result {
    let text = try String(contentsOfFile: csvPath, encoding: .utf8)
    var records = split(text)
    let header = records.removeFirst()
    guard let index = header.firstIndex(of: column) else { return Result(total: 0, rows: 0) }
    var total = Decimal()
    var rows = 0
    for record in records where record.count == header.count {
      rows += 1
      if let value = Decimal(string: record[index], locale: Locale(identifier: "en_US_POSIX")) {
        total += value
      }
    }
    return Result(total: total, rows: rows)
  }

  private static func split(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var field = ""
    var record: [String] = []
    var quoted = false
    var iterator = text.makeIterator()
    var pending: Character? = nil
    while let character = pending ?? iterator.next() {
      pending = nil
      if quoted {
        if character == "\"" {
          if let next = iterator.next() {
            if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
          } else {
            quoted = false
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        record.append(field)
        field = ""
      } else if character == "\n" || character == "\r\n" {
        record.append(field)
        records.append(record)
        record = []
        field = ""
      } else {
        field.append(character)
      }
    }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}

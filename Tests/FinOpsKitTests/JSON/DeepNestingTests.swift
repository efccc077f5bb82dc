import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// 100,000 nested brackets must never overflow the stack: every JSON reader stops at its depth
/// limit with a clear error (or a plain "not an object"), and every importer sets the row aside
/// or fails naming the file and line.
struct DeepNestingTests {
  static let depth = 100_000
  static let open = String(repeating: "[", count: depth)
  static let balanced = open + String(repeating: "]", count: depth)

  @Test func parserStopsAtItsDepthLimit() {
    for text in [Self.open, Self.balanced, "{\"tags\":" + Self.balanced + "}"] {
      #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
      do {
        _ = try JSONParser.parse(text)
      } catch {
        #expect(error.reason == "nesting is too deep")
        #expect(error.offset <= JSONParser.maximumDepth + 8)
      }
      var copy = text
      let document = copy.withUTF8 { buffer in Result { try JSONParser.parseDocument(buffer) } }
      #expect(throws: JSONSyntaxError.self) { try document.get() }
    }
  }

  @Test func documentAndLinesReadersReportTheDepthError() throws {
    let folder = TemporaryDirectory()
    let page = folder.write("page.json", "{\"data\":" + Self.balanced + "}")
    #expect(throws: (any Error).self) { try JSONDocumentReader.read(path: page) }
    let lines = folder.write("rows.jsonl", "{\"a\":1}\n" + Self.balanced + "\n")
    let reader = try JSONLinesReader(path: lines)
    #expect(try reader.nextLine())
    #expect(try reader.value()["a"] == .number("1"))
    #expect(try reader.nextLine())
    #expect(throws: JSONSyntaxError.self) { try reader.value() }
  }

  @Test func tagValidatorAndFlatScannerStaySafe() {
    for text in ["{\"a\":" + Self.open, "{\"a\":" + Self.balanced + "}"] {
      var copy = text
      #expect(!copy.withUTF8 { JSONText.isObject($0) })
    }
    // The flat scanner skips a nested value without recursion, so members after it are found.
    var flat = "{\"deep\":" + Self.balanced + ",\"team\":\"search\"}"
    let team = flat.withUTF8 { buffer in
      FlatJSONObject.member(Array("team".utf8), in: buffer).map {
        String(decoding: $0.value, as: UTF8.self)
      }
    }
    #expect(team == "search")
    var unbalanced = "{\"deep\":" + Self.open
    #expect(unbalanced.withUTF8 { FlatJSONObject.member(Array("deep".utf8), in: $0) } == nil)
  }

  @Test func aCURManifestNestedTooDeeplyIsABadManifest() {
    let folder = TemporaryDirectory()
    let path = folder.write("x-Manifest.json", "{\"reportKeys\":" + Self.balanced + "}")
    #expect(throws: ImportError.self) { try CURManifest.parts(of: path) }
  }

  /// CSV importers: a tag column holding deeply nested JSON.
  @Test(arguments: [
    ("focus", "focus/focus-1.0-sample.csv", "Tags"),
    ("aws-cur-2", "aws-cur-2/aws-cur-2-usage-tags.csv", "resource_tags"),
    ("azure-cost-details", "azure-cost-details/ea-actual-toolkit-sample.csv", "Tags"),
  ])
  func aDeepTagCellIsSetAsideOrRejected(importer: String, fixture: String, column: String)
    throws
  {
    let records = try ImporterCSVMutationTests.records(
      of: Fixtures.path("importers/\(fixture)")
    )
    let index = try #require(records.header.firstIndex(of: column))
    var rows = records.rows
    rows[0][index] = "{\"team\":" + Self.balanced + "}"
    rows[1][index] = "{\"team\":" + Self.open
    let folder = TemporaryDirectory()
    let path = folder.write("deep.csv", ImporterCSVMutationTests.csv([records.header] + rows))
    try Self.expectRejectedOrFailed(path: path, importer: importer, rows: rows.count)
  }

  /// JSON importers: a deeply nested member in a JSON Lines row or an API page.
  @Test(arguments: [
    ("gcp-billing-export", "gcp-billing-export/standard-with-credits-tax-and-adjustment.jsonl"),
    ("openai-costs", "openai-costs/costs-by-project-and-line-item.json"),
    ("anthropic-cost-report", "anthropic-cost-report/cost-by-workspace-and-description.json"),
    ("anthropic-usage-report", "anthropic-usage-report/usage-by-model-and-workspace.json"),
  ])
  func aDeepJSONMemberIsRejectedWithoutCrashing(importer: String, fixture: String) throws {
    let text = try String(
      contentsOfFile: Fixtures.path("importers/\(fixture)"),
      encoding: .utf8
    )
    let deep = text.replacingOccurrences(
      of: "{",
      with: "{\"deep\":" + Self.balanced + ",",
      options: [],
      range: text.range(of: "{")
    )
    let folder = TemporaryDirectory()
    let path = folder.write((fixture as NSString).lastPathComponent, deep)
    try Self.expectRejectedOrFailed(path: path, importer: importer, rows: nil)
  }

  /// Strict mode fails naming the file; with bad rows skipped, the deep rows are set aside (or
  /// the whole file fails) and the database stays consistent.
  static func expectRejectedOrFailed(path: String, importer: String, rows: Int?) throws {
    let strict = try SpendDatabase.inMemory()
    #expect(throws: ImportError.self) {
      try Ingestor(database: strict, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [path], format: importer))
    }
    do {
      _ = try Ingestor(database: strict, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [path], format: importer))
    } catch {
      #expect(String(describing: error).contains(path), "\(error)")
      #expect(
        String(describing: error).contains("deep") || String(describing: error).contains("JSON"),
        "\(error)"
      )
    }
    #expect(try DatabaseDoctor.check(strict).findings == [])
    let lenient = try SpendDatabase.inMemory()
    do {
      let report = try Ingestor(database: lenient, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [path], format: importer, skipBadRows: true))
      #expect(report.rejectedCount >= 1)
      // A balanced nested value inside a flat tag object (CUR 2.0's `resource_tags`) is skipped
      // by `FlatJSONObject` and the row imported without it; an unterminated one is rejected.
      if let rows { #expect(report.rejectedCount <= 2 && report.rowCount >= Int64(rows - 2)) }
    } catch {
      #expect(String(describing: error).contains(path), "\(error)")
    }
    #expect(try DatabaseDoctor.check(lenient).findings == [])
  }
}

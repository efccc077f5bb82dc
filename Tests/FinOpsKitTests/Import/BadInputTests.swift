import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// Every kind of bad input is reported with file, line, column and value, and leaves the
/// database exactly as it was, even when good files are in the same batch.
struct BadInputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String
    var content: [UInt8]
    var expected: [String]
    var testDescription: String { name }

    init(_ name: String, file: String = "bad.csv", _ text: String, expect expected: [String]) {
      self.name = name
      self.file = file
      self.content = Array(text.utf8)
      self.expected = expected
    }

    init(_ name: String, file: String, bytes: [UInt8], expect expected: [String]) {
      self.name = name
      self.file = file
      self.content = bytes
      self.expected = expected
    }
  }

  static let good = TinyFOCUS.row(cost: "1.00")
  static let fullHeaderCount = TinyFOCUS.header.split(separator: ",").count

  static let cases: [Case] = [
    Case(
      "truncated file",
      TinyFOCUS.header + "\n" + good + "\n" + String(good.prefix(40)),
      expect: ["bad.csv:3: error: [focus] row has 8 fields but the header has 23"]
    ),
    Case(
      "too many fields",
      TinyFOCUS.file([good, good + ",extra"]),
      expect: ["bad.csv:3: error: [focus] row has 24 fields but the header has 23"]
    ),
    Case(
      "too few fields",
      TinyFOCUS.file(["1.00,1.00", good]),
      expect: ["bad.csv:2: error: [focus] row has 2 fields but the header has 23"]
    ),
    Case(
      "unterminated quote",
      TinyFOCUS.file([good, "1.00,\"open quote,1.00"]),
      expect: ["bad.csv:3: error: [focus] unterminated quoted field"]
    ),
    Case(
      "non-numeric cost",
      TinyFOCUS.file([good, TinyFOCUS.row(cost: "\"1,23\"")]),
      expect: ["bad.csv:3: error: [focus] column 'BilledCost' has non-numeric value '1,23'"]
    ),
    Case(
      "unparseable date",
      TinyFOCUS.file([good.replacingOccurrences(of: "2026-10-05T00", with: "2026-13-45T00")]),
      expect: [
        "bad.csv:2: error: [focus] column 'ChargePeriodStart' has unparseable date "
          + "'2026-13-45T00:00:00Z'"
      ]
    ),
    Case(
      "empty mandatory value",
      TinyFOCUS.file([good.replacingOccurrences(of: ",acct-1,", with: ",,")]),
      expect: [
        "bad.csv:2: error: [focus] column 'BillingAccountId' is empty but the format requires "
          + "a value"
      ]
    ),
    Case(
      "missing mandatory column",
      TinyFOCUS.file([good]).replacingOccurrences(of: "ChargeCategory,", with: "Category,"),
      expect: ["bad.csv:1: error: [focus] missing mandatory focus 1.0 column 'ChargeCategory'"]
    ),
    Case(
      "unknown format",
      "Date,Amount,Memo\n2026-10-01,12.00,coffee\n",
      expect: [
        "bad.csv: error: unknown format: no importer recognizes this file",
        "bad.csv: note: header starts with 'Date', 'Amount', 'Memo'",
        "bad.csv: note: could be 'focus', but it lacks 'BilledCost', 'EffectiveCost'",
      ]
    ),
    Case(
      "empty file",
      "",
      expect: ["bad.csv: error: file is empty (no header, no rows)"]
    ),
    Case(
      "whitespace-only file",
      " \n\r\n",
      expect: ["bad.csv: error: file is empty"]
    ),
    Case(
      "gzip that is not gzip",
      file: "bad.csv.gz",
      TinyFOCUS.file([good]),
      expect: ["bad.csv.gz: error: file name ends in '.gz' but the content is not gzip"]
    ),
    Case(
      "damaged gzip",
      file: "bad.csv.gz",
      bytes: [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0x00],
      expect: ["bad.csv.gz: error: damaged gzip data"]
    ),
    Case(
      "binary file",
      file: "bad.csv",
      bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00],
      expect: ["bad.csv: error: unknown format"]
    ),
  ]

  @Test(arguments: cases)
  func badInputIsReportedAndLeavesTheDatabaseAsItWas(_ testCase: Case) throws {
    let folder = TemporaryDirectory()
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let earlier = folder.write("earlier.csv", TinyFOCUS.file([TinyFOCUS.row(cost: "9.99")]))
    _ = try ingestor.ingest(IngestOptions(paths: [earlier]))
    let before = try DatabaseSnapshot.dump(database)

    // A good file that would replace the earlier scope travels in the same batch.
    let goodFile = folder.write("a-good.csv", TinyFOCUS.file([Self.good]))
    let badFile = folder.write(testCase.file, bytes: testCase.content)
    var message = ""
    do {
      _ = try ingestor.ingest(IngestOptions(paths: [goodFile, badFile]))
      Issue.record("expected an error for \(testCase.name)")
    } catch {
      message = error.description.replacingOccurrences(of: folder.url.path + "/", with: "")
    }
    for expected in testCase.expected {
      #expect(message.contains(expected), "message was: \(message)")
    }
    #expect(try DatabaseSnapshot.dump(database) == before)
  }
}

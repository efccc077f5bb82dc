import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Bad GCP billing export input is reported with file and line and leaves the database as it
/// was, even with a good file in the same batch.
struct GCPBillingExportBadInputTests {
  /// One export row as a JSON line, with fields replaced or removed.
  static func row(
    cost: String = "1.25",
    currency: String = "USD",
    replacing: [String: String] = [:],
    removing: [String] = []
  ) -> String {
    var fields: [(String, String)] = [
      ("billing_account_id", #""01A2B3-C4D5E6-F7A8B9""#),
      ("service", #"{"id":"6F81","description":"Compute Engine"}"#),
      ("sku", #"{"id":"CF4E","description":"N2 Instance Core"}"#),
      ("usage_start_time", #""2026-10-01 07:00:00 UTC""#),
      ("usage_end_time", #""2026-10-01 08:00:00 UTC""#),
      ("project", #"{"id":"search-prod","labels":[]}"#),
      ("labels", #"[{"key":"team","value":"search"}]"#),
      ("cost", cost), ("currency", "\"\(currency)\""),
      ("credits", #"[{"amount":-0.25,"type":"SUSTAINED_USAGE_DISCOUNT"}]"#),
      ("invoice", #"{"month":"202610"}"#), ("cost_type", #""regular""#),
    ]
    fields = fields.filter { !removing.contains($0.0) }
      .map { ($0.0, replacing[$0.0] ?? $0.1) }
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  static let good = row()

  static let cases: [BadInputTests.Case] = [
    BadInputTests.Case(
      "invalid JSON on a line",
      file: "bad.jsonl",
      [good, #"{"billing_account_id": "x", "cost": }"#].joined(separator: "\n"),
      expect: ["bad.jsonl:2: error: [gcp-billing-export] invalid JSON at column 37:"]
    ),
    BadInputTests.Case(
      "a line that is not an object",
      file: "bad.jsonl",
      [good, "[1, 2]", good].joined(separator: "\n"),
      expect: ["bad.jsonl:2: error: [gcp-billing-export] line is not a JSON object"]
    ),
    BadInputTests.Case(
      "non-numeric cost",
      file: "bad.jsonl",
      [good, row(cost: #""12,50""#)].joined(separator: "\n"),
      expect: [
        "bad.jsonl:2: error: [gcp-billing-export] column 'cost' has non-numeric value '12,50'"
      ]
    ),
    BadInputTests.Case(
      "a cost that is not a number at all",
      file: "bad.jsonl",
      [good, row(cost: #"{"amount": 1}"#)].joined(separator: "\n"),
      expect: ["bad.jsonl:2: error: [gcp-billing-export] column 'cost' is not a number:"]
    ),
    BadInputTests.Case(
      "a file mixing two currencies",
      file: "bad.jsonl",
      [good, good, row(currency: "EUR")].joined(separator: "\n"),
      expect: [
        "bad.jsonl:3: error: [gcp-billing-export] column 'currency' mixes billing currencies: "
          + "line 1 is USD, this row is 'EUR'"
      ]
    ),
    BadInputTests.Case(
      "a missing cost field",
      file: "bad.jsonl",
      [good, row(removing: ["cost"])].joined(separator: "\n"),
      expect: ["bad.jsonl:2: error: [gcp-billing-export] column 'cost' is missing"]
    ),
    BadInputTests.Case(
      "a non-numeric credit",
      file: "bad.jsonl",
      [good, row(replacing: ["credits": #"[{"amount":"n/a"}]"#])].joined(separator: "\n"),
      expect: ["bad.jsonl:2: error: [gcp-billing-export] column 'credits.amount' has non-numeric"]
    ),
    BadInputTests.Case(
      "an invoice month that is not YYYYMM",
      file: "bad.jsonl",
      [good, row(replacing: ["invoice": #"{"month":"2026-10"}"#])].joined(separator: "\n"),
      expect: ["bad.jsonl:2: error: [gcp-billing-export] column 'invoice.month' is not a YYYYMM"]
    ),
    BadInputTests.Case(
      "an unknown cost type",
      file: "bad.jsonl",
      [good, row(replacing: ["cost_type": #""refund""#])].joined(separator: "\n"),
      expect: ["bad.jsonl:2: error: [gcp-billing-export] column 'cost_type' is not one of"]
    ),
    BadInputTests.Case(
      "an unparseable usage time",
      file: "bad.jsonl",
      [good, row(replacing: ["usage_start_time": #""yesterday""#])].joined(separator: "\n"),
      expect: [
        "bad.jsonl:2: error: [gcp-billing-export] column 'usage_start_time' has unparseable date"
      ]
    ),
    BadInputTests.Case(
      "labels in a CSV that are not JSON",
      file: "bad.csv",
      "billing_account_id,service_description,sku_description,usage_start_time,usage_end_time,"
        + "labels,cost,currency,invoice_month\n"
        + "A,Compute Engine,N2,2026-10-01T07:00:00Z,2026-10-01T08:00:00Z,team=search,1,USD,202610\n",
      expect: ["bad.csv:2: error: [gcp-billing-export] column 'labels' is not valid JSON"]
    ),
  ]

  @Test(arguments: cases)
  func badInputIsReportedAndLeavesTheDatabaseAsItWas(_ testCase: BadInputTests.Case) throws {
    let folder = TemporaryDirectory()
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let earlier = folder.write("earlier.jsonl", Self.row(cost: "9.99") + "\n")
    _ = try ingestor.ingest(IngestOptions(paths: [earlier]))
    let before = try DatabaseSnapshot.dump(database)

    let goodFile = folder.write("a-good.jsonl", Self.good + "\n")
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

  @Test func skipBadRowsSetsMalformedLinesAsideButNeverMixedCurrencies() throws {
    let folder = TemporaryDirectory()
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let path = folder.write(
      "rows.jsonl",
      [Self.good, "{oops", "[1]", Self.row(cost: "\"x\""), Self.row(cost: "2")]
        .joined(separator: "\n")
    )
    var options = IngestOptions(paths: [path])
    options.skipBadRows = true
    let report = try ingestor.ingest(options)
    #expect(report.rowCount == 2)
    #expect(report.rejectedCount == 3)
    let lines = try database.writer.read { db in
      try Int64.fetchAll(db, sql: "SELECT line FROM rejectedRow ORDER BY line")
    }
    #expect(lines == [2, 3, 4])

    let mixed = folder.write(
      "mixed.jsonl",
      [Self.good, Self.row(currency: "EUR")].joined(separator: "\n")
    )
    var mixedOptions = IngestOptions(paths: [mixed])
    mixedOptions.skipBadRows = true
    #expect(throws: ImportError.self) { try ingestor.ingest(mixedOptions) }
  }
}

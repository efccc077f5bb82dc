import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// Bad AI provider files are reported with file, line and reason, and leave the database as it
/// was, even with good files in the same batch.
struct AIBadInputTests {
  static let cases: [(name: String, expected: String)] = [
    (
      "bad-invalid-json",
      "bad-invalid-json.json:5: error: [openai-costs] invalid JSON at column 102: expected a member "
        + "name in quotes"
    ),
    (
      "bad-non-numeric-amount",
      "bad-non-numeric-amount.json:21: error: [openai-costs] column 'amount.value' has "
        + "non-numeric value '12,50'"
    ),
    (
      "bad-mixed-currencies",
      "bad-mixed-currencies.json:28: error: [openai-costs] column 'amount.currency' mixes "
        + "currencies: earlier results of this file are in 'USD', not 'eur'"
    ),
  ]

  @Test(arguments: cases)
  func badFileIsReportedAndTheDatabaseIsUntouched(name: String, expected: String) throws {
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    _ = try ingestor.ingest(
      IngestOptions(paths: [
        Fixtures.path("importers/anthropic-console-cost/console-cost-export.csv")
      ])
    )
    let before = try DatabaseSnapshot.dump(database)
    let good = Fixtures.path("importers/openai-costs/costs-paginated/page-1.json")
    let bad = Fixtures.path("importers/openai-costs/\(name).json")
    var message = ""
    do {
      _ = try ingestor.ingest(IngestOptions(paths: [good, bad], format: "openai-costs"))
    } catch {
      message = error.description
    }
    #expect(message.hasSuffix(expected), "\(message)")
    #expect(message.hasPrefix(bad))
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  @Test func skipBadRowsKeepsTheNonNumericAmountAside() throws {
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(
        IngestOptions(
          paths: [Fixtures.path("importers/openai-costs/bad-non-numeric-amount.json")],
          skipBadRows: true
        )
      )
    #expect(report.rowCount == 1)
    #expect(report.rejectedCount == 1)
    let rejected = try ImportHistory.rejectedRows(batchId: report.batchId ?? 0, in: database)
    #expect(rejected.map(\.line) == [21])
    #expect(rejected.first?.content.contains("\"12,50\"") == true)
  }

  @Test func aCostWithoutAmountIsRejected() throws {
    let folder = TemporaryDirectory()
    let file = folder.write(
      "costs.json",
      """
      {"object": "page", "data": [{"object": "bucket", "start_time": 1790812800,
        "end_time": 1790899200, "results": [{"object": "organization.costs.result",
        "line_item": null, "project_id": null}]}], "has_more": false, "next_page": null}
      """
    )
    let database = try SpendDatabase.inMemory()
    #expect {
      try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [file], format: "openai-costs"))
    } throws: { error in
      String(describing: error).hasSuffix(
        "costs.json:2: error: [openai-costs] column 'amount' is missing (expected {value, "
          + "currency})"
      )
    }
  }
}

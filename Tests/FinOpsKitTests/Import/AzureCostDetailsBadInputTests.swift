import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Bad Azure cost details files are reported with file, line and reason, and leave the database
/// as it was; unknown columns are kept, not rejected.
struct AzureCostDetailsBadInputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var edit: @Sendable ([[String]]) -> [[String]]
    var expected: String
    var testDescription: String { name }
  }

  static let fixture = Fixtures.path(
    "importers/azure-cost-details/ea-actual-reservation-refund-rounding.csv"
  )

  static func setting(_ column: String, row: Int, to value: String)
    -> @Sendable ([[String]]) ->
    [[String]]
  {
    { records in
      var records = records
      if let index = records[0].firstIndex(of: column) { records[row][index] = value }
      return records
    }
  }

  static let cases: [Case] = [
    Case(
      name: "two billing currencies in one file",
      edit: setting("BillingCurrencyCode", row: 4, to: "USD"),
      expected: "bad.csv:5: error: [azure-cost-details] column 'BillingCurrency' mixes "
        + "currencies: billing account '54123987' period 2026-10-01 is billed in 'EUR', not 'USD'"
    ),
    Case(
      name: "no cost column",
      edit: { records in
        let index = records[0].firstIndex(of: "CostInBillingCurrency") ?? 0
        return records.map { record in
          var record = record
          record.remove(at: index)
          return record
        }
      },
      expected: "bad.csv:1: error: [azure-cost-details] missing mandatory azure-cost-details "
        + "cost-in-billing-currency column 'CostInBillingCurrency'"
    ),
    Case(
      name: "unparseable date",
      edit: setting("Date", row: 3, to: "10/32/2026"),
      expected: "bad.csv:4: error: [azure-cost-details] column 'Date' has unparseable date "
        + "'10/32/2026'"
    ),
    Case(
      name: "unparseable billing period end",
      edit: setting("BillingPeriodEndDate", row: 2, to: "31/10/2026"),
      expected: "bad.csv:3: error: [azure-cost-details] column 'BillingPeriodEndDate' has "
        + "unparseable date '31/10/2026'"
    ),
    Case(
      name: "tags that are not a JSON object",
      edit: setting("Tags", row: 2, to: "\"team\": prod"),
      expected: "bad.csv:3: error: [azure-cost-details] column 'Tags' is not a JSON object "
        + "(with or without braces): '\"team\": prod'"
    ),
    Case(
      name: "non-numeric cost",
      edit: setting("CostInBillingCurrency", row: 6, to: "1,5"),
      expected: "bad.csv:7: error: [azure-cost-details] column 'CostInBillingCurrency' has "
        + "non-numeric value '1,5'"
    ),
  ]

  @Test(arguments: cases)
  func badFileIsReportedAndLeavesTheDatabaseAsItWas(_ testCase: Case) throws {
    let folder = TemporaryDirectory()
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    _ = try ingestor.ingest(
      IngestOptions(paths: [Fixtures.path("importers/azure-cost-details/mca-actual-camel-case.csv")]
      )
    )
    let before = try DatabaseSnapshot.dump(database)
    let records = try Self.records(Self.fixture)
    let bad = folder.write("bad.csv", Self.csv(testCase.edit(records)))
    var message = ""
    do {
      _ = try ingestor.ingest(IngestOptions(paths: [Self.fixture, bad]))
      Issue.record("expected an error for \(testCase.name)")
    } catch {
      message = error.description.replacingOccurrences(of: folder.url.path + "/", with: "")
    }
    #expect(message.contains(testCase.expected), "message was: \(message)")
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  @Test func unknownColumnsAreKeptAsExtras() throws {
    let folder = TemporaryDirectory()
    var records = try Self.records(Self.fixture)
    records[0].append("FutureColumn2027")
    for index in 1..<records.count { records[index].append("value-\(index)") }
    let path = folder.write("future.csv", Self.csv(records))
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(report.rowCount == 8)
    let extras = try database.writer.read { db in
      try String.fetchOne(db, sql: "SELECT extras FROM charge ORDER BY sourceLine LIMIT 1")
    }
    let object = try JSONSerialization.jsonObject(with: Data((extras ?? "").utf8))
    let dictionary = try #require(object as? [String: String])
    #expect(dictionary["FutureColumn2027"] == "value-1")
    #expect(dictionary["CostCenter"] == "CC-100")
    #expect(dictionary["Tags"] == nil)
  }

  static func records(_ path: String) throws -> [[String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var previous: Character?
    for character in text {
      if quoted {
        if character == "\"" {
          quoted = false
        } else {
          field.append(character)
        }
      } else if character == "\"" {
        if previous == "\"" { field.append("\"") }
        quoted = true
      } else if character == "," {
        record.append(field)
        field = ""
      } else if character == "\r\n" || character == "\n" {
        record.append(field)
        records.append(record)
        record = []
        field = ""
      } else {
        field.append(character)
      }
      previous = character
    }
    return records
  }

  static func csv(_ records: [[String]]) -> String {
    records.map { record in
      record.map { field in
        field.contains(where: { $0 == "," || $0 == "\"" })
          ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
      }.joined(separator: ",")
    }.joined(separator: "\r\n") + "\r\n"
  }
}

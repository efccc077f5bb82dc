import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The `json_members` and `next_day` source forms, and `detect_path_contains` /
/// `detect_path_excludes`, on a small export.
struct MappingDerivedValueTests {
  static func mapping(id: String = "mini-daily", path: String = "") -> String {
    """
    id: \(id)
    display_name: Mini daily
    summary: A daily test format with brace-less tags.
    examples: []
    detect: [Account, Day, Amount]
    \(path)
    versions: [{version: "1", required: [Account, Day, Amount]}]
    slash_dates: month-first
    fields:
      billing_account_id: Account
      billing_currency: {value: USD}
      billing_period_start: PeriodStart
      billing_period_end: {next_day: PeriodEnd}
      charge_period_start: Day
      charge_period_end: {next_day: Day}
      billed_cost: Amount
      effective_cost: Amount
      tags: {json_members: Labels}
    """
  }

  static let header = "Account,PeriodStart,PeriodEnd,Day,Amount,Labels"

  static func row(day: String = "10/31/2026", labels: String) -> String {
    "acct,10/1/2026,10/31/2026,\(day),1.25,\(labels)"
  }

  private func importRows(_ rows: [String]) throws -> [Row] {
    let folder = TemporaryDirectory()
    folder.write("mappings/mini-daily.yaml", Self.mapping())
    let path = folder.write("daily.csv", ([Self.header] + rows).joined(separator: "\n") + "\n")
    let registry = try ImporterRegistry.builtIn().adding(directory: folder.path("mappings"))
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: registry).ingest(IngestOptions(paths: [path]))
    return try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT tags, chargePeriodStart, chargePeriodEnd, billingPeriodEnd, extras
          FROM focusCharge ORDER BY sourceLine
          """
      )
    }
  }

  @Test func jsonMembersAcceptsBareMembersWholeObjectsAndBlankValues() throws {
    let rows = try importRows([
      Self.row(labels: "\"\"\"env\"\": \"\"prod\"\",\"\"team\"\": \"\"search\"\"\""),
      Self.row(labels: "\"{\"\"env\"\": \"\"dev\"\"}\""),
      Self.row(labels: ""),
      Self.row(labels: "\"  \""),
      Self.row(labels: "\"\"\"a\"\": {\"\"nested\"\": [1, 2]}\""),
    ])
    #expect(
      rows.map { $0["tags"] as String? } == [
        "{\"env\": \"prod\",\"team\": \"search\"}",
        "{\"env\": \"dev\"}",
        nil,
        nil,
        "{\"a\": {\"nested\": [1, 2]}}",
      ]
    )
    // The tag column feeds a field, so it is not repeated in the extras.
    #expect(rows.allSatisfy { ($0["extras"] as String?)?.contains("Labels") != true })
  }

  @Test func jsonMembersRejectsTextThatIsNoObjectEvenWithBraces() throws {
    #expect(throws: ImportError.self) {
      try importRows([Self.row(labels: "\"\"\"env\"\": prod\"")])
    }
    #expect(throws: ImportError.self) {
      try importRows([Self.row(labels: "\"\"\"env\"\": \"\"a\"\"}\"")])
    }
  }

  @Test func nextDayTurnsInclusiveEndDatesIntoExclusiveOnes() throws {
    let rows = try importRows([Self.row(day: "10/31/2026", labels: "")])
    let row = try #require(rows.first)
    #expect(Timestamp.iso8601(row["chargePeriodStart"]) == "2026-10-31T00:00:00Z")
    #expect(Timestamp.iso8601(row["chargePeriodEnd"]) == "2026-11-01T00:00:00Z")
    #expect(Timestamp.iso8601(row["billingPeriodEnd"]) == "2026-11-01T00:00:00Z")
  }

  @Test func nextDayFeedsDateFieldsOnlyAndJSONMembersJSONFieldsOnly() {
    let wrongNextDay = Self.mapping().replacingOccurrences(
      of: "billed_cost: Amount",
      with: "billed_cost: {next_day: Amount}"
    )
    #expect(throws: MappingError.self) { try MappingImporter(yaml: wrongNextDay, source: "x") }
    let wrongMembers = Self.mapping().replacingOccurrences(
      of: "billing_account_id: Account",
      with: "billing_account_id: {json_members: Account}"
    )
    #expect(throws: MappingError.self) { try MappingImporter(yaml: wrongMembers, source: "x") }
  }

  @Test func detectionCanRequireOrExcludeTextInThePath() throws {
    let only = try MappingImporter(
      yaml: Self.mapping(id: "only-amortized", path: "detect_path_contains: [Amortized]"),
      source: "x"
    )
    let except = try MappingImporter(
      yaml: Self.mapping(id: "not-amortized", path: "detect_path_excludes: [amortized]"),
      source: "x"
    )
    let header = Self.header.split(separator: ",").map(String.init)
    let amortized = FileSample(
      path: "/x/AMORTIZED-2026.csv",
      kind: .csv,
      header: header,
      prefix: []
    )
    let actual = FileSample(path: "/x/actual-2026.csv", kind: .csv, header: header, prefix: [])
    #expect(only.recognize(amortized) == .match(version: "1"))
    #expect(except.recognize(amortized) != .match(version: "1"))
    #expect(only.recognize(actual) != .match(version: "1"))
    #expect(except.recognize(actual) == .match(version: "1"))
  }
}

import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// A tiny FOCUS 1.0 export builder for ingest tests.
enum TinyFOCUS {
  static let header =
    "BilledCost,EffectiveCost,ListCost,ContractedCost,BillingAccountId,BillingAccountName,"
    + "BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargeClass,"
    + "ChargeDescription,ChargePeriodStart,ChargePeriodEnd,InvoiceIssuerName,PricingQuantity,"
    + "PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName,SubAccountId,Tags"

  /// One data row; `cost` goes to Billed/List/Contracted cost and, unless given, Effective.
  static func row(
    cost: String,
    account: String = "acct-1",
    period: String = "2026-10",
    day: String = "05",
    service: String = "Amazon EC2",
    currency: String = "USD",
    effective: String? = nil,
    category: String = "Usage",
    subAccount: String = "sub-1",
    tags: String = "{\"\"team\"\":\"\"payments\"\"}"
  ) -> String {
    let start = "\(period)-01T00:00:00Z"
    let end = nextMonth(period) + "-01T00:00:00Z"
    return "\(cost),\(effective ?? cost),\(cost),\(cost),\(account),Example,\(currency),\(start),"
      + "\(end),\(category),,\"\(service), usage\",\(period)-\(day)T00:00:00Z,"
      + "\(period)-\(day)T01:00:00Z,AWS,1,Hours,AWS,AWS,Compute,\(service),\(subAccount),"
      + (tags.isEmpty ? "" : "\"\(tags)\"")
  }

  static func file(_ rows: [String]) -> String { ([header] + rows).joined(separator: "\n") + "\n" }

  private static func nextMonth(_ period: String) -> String {
    let parts = period.split(separator: "-").compactMap { Int($0) }
    let (year, month) = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
    return String(format: "%04d-%02d", year, month)
  }
}

struct IngestorTests {
  private func makeIngestor(_ database: SpendDatabase) throws -> Ingestor {
    Ingestor(database: database, registry: try ImporterRegistry.builtIn())
  }

  private func total(_ database: SpendDatabase) throws -> Int64 {
    try database.writer.read { db in
      try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(billedCostNanos), 0) FROM charge") ?? 0
    }
  }

  @Test func reingestingIdenticalContentChangesNothing() throws {
    let folder = TemporaryDirectory()
    let path = folder.write("oct.csv", TinyFOCUS.file([TinyFOCUS.row(cost: "10.5")]))
    let database = try SpendDatabase.inMemory()
    let ingestor = try makeIngestor(database)
    let first = try ingestor.ingest(IngestOptions(paths: [path]))
    #expect(first.batchId == 1)
    let before = try DatabaseSnapshot.dump(database)
    let second = try ingestor.ingest(IngestOptions(paths: [folder.url.path]))
    #expect(second.batchId == nil)
    #expect(second.files.map(\.status) == [.unchanged(batchId: 1)])
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  @Test func aRedeliveredMonthReplacesTheEarlierRowsOfItsScope() throws {
    let folder = TemporaryDirectory()
    let september = folder.write(
      "sep.csv",
      TinyFOCUS.file([TinyFOCUS.row(cost: "1.00", period: "2026-09")])
    )
    let octoberEarly = folder.write(
      "oct-early.csv",
      TinyFOCUS.file([TinyFOCUS.row(cost: "2.00"), TinyFOCUS.row(cost: "3.00", day: "06")])
    )
    let otherAccount = folder.write(
      "oct-other.csv",
      TinyFOCUS.file([TinyFOCUS.row(cost: "7.00", account: "acct-2")])
    )
    let database = try SpendDatabase.inMemory()
    let ingestor = try makeIngestor(database)
    _ = try ingestor.ingest(IngestOptions(paths: [september, octoberEarly, otherAccount]))
    #expect(try total(database) == 13_000_000_000)

    let octoberFull = folder.write(
      "oct-full.csv",
      TinyFOCUS.file([
        TinyFOCUS.row(cost: "2.00"), TinyFOCUS.row(cost: "3.00", day: "06"),
        TinyFOCUS.row(cost: "4.00", day: "20"),
      ])
    )
    let report = try ingestor.ingest(IngestOptions(paths: [octoberFull]))
    #expect(report.replacements.count == 1)
    #expect(report.replacements.first?.billingAccountId == "acct-1")
    #expect(report.replacements.first?.removedRows == 2)
    // September and the other account are untouched; October of acct-1 is counted once.
    #expect(try total(database) == 17_000_000_000)
    let batches = try ImportHistory.batches(in: database)
    #expect(batches.count == 2)
    #expect(batches[0].scopes.filter { $0.supersededBy == 2 }.count == 1)
    #expect(!batches[0].isSuperseded)
  }

  @Test func reingestingAnOlderDeliveryAfterItWasReplacedImportsItAgain() throws {
    let folder = TemporaryDirectory()
    let first = folder.write("v1.csv", TinyFOCUS.file([TinyFOCUS.row(cost: "1.00")]))
    let second = folder.write("v2.csv", TinyFOCUS.file([TinyFOCUS.row(cost: "5.00")]))
    let database = try SpendDatabase.inMemory()
    let ingestor = try makeIngestor(database)
    _ = try ingestor.ingest(IngestOptions(paths: [first]))
    _ = try ingestor.ingest(IngestOptions(paths: [second]))
    let again = try ingestor.ingest(IngestOptions(paths: [first]))
    #expect(again.batchId == 3)
    #expect(try total(database) == 1_000_000_000)
  }

  @Test func theSameFileTwiceInOneBatchIsImportedOnce() throws {
    let folder = TemporaryDirectory()
    let path = folder.write("a.csv", TinyFOCUS.file([TinyFOCUS.row(cost: "1.00")]))
    let copy = folder.write("b.csv", TinyFOCUS.file([TinyFOCUS.row(cost: "1.00")]))
    let database = try SpendDatabase.inMemory()
    let report = try makeIngestor(database).ingest(IngestOptions(paths: [path, copy]))
    #expect(report.files.map(\.status) == [.imported, .duplicate(of: path)])
    #expect(try total(database) == 1_000_000_000)
  }

  @Test func recordsProvenanceOfEveryBatch() throws {
    let folder = TemporaryDirectory()
    let path = folder.write(
      "oct.csv",
      TinyFOCUS.file([TinyFOCUS.row(cost: "1.25"), TinyFOCUS.row(cost: "-0.25", day: "07")])
    )
    let database = try SpendDatabase.inMemory()
    _ = try makeIngestor(database).ingest(IngestOptions(paths: [path]))
    let batch = try #require(try ImportHistory.batches(in: database).first)
    #expect(batch.rowCount == 2)
    #expect(batch.files.first?.format == "focus")
    #expect(batch.files.first?.formatVersion == "1.0")
    #expect(batch.files.first?.sha256.count == 64)
    #expect(batch.scopes.first?.billingAccountId == "acct-1")
    #expect(batch.scopes.first.map { Timestamp.date($0.billingPeriodStart) } == "2026-10-01")
    #expect(batch.scopes.first?.billedCost == 1_000_000_000)
    #expect(batch.scopes.first?.currency == "USD")
  }

  @Test func skipBadRowsKeepsEachRejectedRowWithItsReason() throws {
    let folder = TemporaryDirectory()
    let path = folder.write(
      "oct.csv",
      TinyFOCUS.file([
        TinyFOCUS.row(cost: "1.00"), TinyFOCUS.row(cost: "\"1,23\""),
        TinyFOCUS.row(cost: "2.00", day: "07"), "too,few,fields",
      ])
    )
    let database = try SpendDatabase.inMemory()
    let report = try makeIngestor(database).ingest(
      IngestOptions(paths: [path], skipBadRows: true)
    )
    #expect(report.rowCount == 2)
    #expect(report.rejectedCount == 2)
    let rejected = try ImportHistory.rejectedRows(batchId: 1, in: database)
    #expect(rejected.map(\.line) == [3, 5])
    #expect(rejected[0].reason.contains("non-numeric value '1,23'"))
    #expect(rejected[1].reason == "row has 3 fields but the header has 23")
    #expect(rejected[1].content == "too,few,fields")
    #expect(try total(database) == 3_000_000_000)
  }

  @Test func aFileMixingCurrenciesForOneScopeIsRejected() throws {
    let folder = TemporaryDirectory()
    let path = folder.write(
      "oct.csv",
      TinyFOCUS.file([TinyFOCUS.row(cost: "1.00"), TinyFOCUS.row(cost: "1.00", currency: "EUR")])
    )
    let database = try SpendDatabase.inMemory()
    #expect {
      try makeIngestor(database).ingest(IngestOptions(paths: [path]))
    } throws: { error in
      "\(error)".contains("oct.csv:3: error: [focus] column 'BillingCurrency' mixes currencies")
    }
  }
}

import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Day-level scopes of the API formats: a re-fetch replaces exactly the days it covers, a folder
/// of pages is one batch, nothing is counted twice, and `finops doctor` stays clean.
struct APIDayReplacementTests {
  private func fixture(_ format: String, _ name: String) -> String {
    let base = Fixtures.path("importers/\(format)/\(name)")
    return FileManager.default.fileExists(atPath: base + ".json") ? base + ".json" : base
  }

  private func dailyTotals(_ database: SpendDatabase) throws -> [String: Int64] {
    try database.writer.read { db in
      var totals: [String: Int64] = [:]
      for row in try Row.fetchAll(
        db,
        sql: "SELECT chargePeriodStart, SUM(billedCostNanos) FROM charge GROUP BY 1"
      ) {
        totals[Timestamp.date(row[0])] = row[1]
      }
      return totals
    }
  }

  @Test func aRefetchOfOct10To25AfterOct1To15KeepsOct1To9() throws {
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    _ = try ingestor.ingest(
      IngestOptions(paths: [fixture("openai-costs", "overlap-refetch-first")])
    )
    let second = try ingestor.ingest(
      IngestOptions(paths: [fixture("openai-costs", "overlap-refetch-second")])
    )
    // Days 10..15 of the first fetch are replaced (day 12 by an empty bucket).
    #expect(
      second.replacements.compactMap(\.day).map(Timestamp.date)
        == (10...15).map {
          "2026-10-\($0)"
        }
    )
    #expect(second.replacements.allSatisfy { !$0.keptEarlier && $0.removedRows == 2 })
    let totals = try dailyTotals(database)
    for day in 1...25 {
      let key = "2026-10-" + (day < 10 ? "0\(day)" : "\(day)")
      // Each day: "<day>.<10 or 15>" for the support project plus 1.00 for search.
      let support = day < 10 ? 10 : 15
      let expected: Int64? =
        day == 12 ? nil : Int64(day) * 1_000_000_000 + Int64(support) * 10_000_000 + 1_000_000_000
      #expect(totals[key] == expected, "\(key)")
    }
    #expect(try DatabaseDoctor.check(database).findings == [])
    let live = try database.writer.read { db in
      try Int.fetchOne(
        db,
        sql: "SELECT COUNT(*) FROM importScope WHERE supersededByBatchId IS NULL"
      )
    }
    #expect(live == 25)
  }

  @Test func aPartialFirstBucketOfALaterFetchDoesNotReplaceTheFullerDay() throws {
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    _ = try ingestor.ingest(
      IngestOptions(paths: [fixture("openai-costs", "overlap-refetch-first")])
    )
    let partial = try ingestor.ingest(
      IngestOptions(paths: [fixture("openai-costs", "overlap-refetch-partial-day")])
    )
    let byDay = Dictionary(
      uniqueKeysWithValues: partial.replacements.map { (Timestamp.date($0.day ?? 0), $0) }
    )
    #expect(byDay["2026-10-14"]?.keptEarlier == true)
    #expect(byDay["2026-10-15"]?.keptEarlier == false)
    let totals = try dailyTotals(database)
    let fullDay14: Int64 = 14_100_000_000 + 1_000_000_000
    let revisedDay15: Int64 = 99_000_000_000
    #expect(totals["2026-10-14"] == fullDay14)
    #expect(totals["2026-10-15"] == revisedDay15)
    #expect(try DatabaseDoctor.check(database).findings == [])
  }

  @Test func reingestingTheSamePagesChangesNothing() throws {
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let folder = fixture("openai-costs", "costs-paginated")
    let first = try ingestor.ingest(IngestOptions(paths: [folder]))
    #expect(first.files.count == 3)
    let before = try DatabaseSnapshot.dump(database)
    let again = try ingestor.ingest(IngestOptions(paths: [folder]))
    #expect(again.batchId == nil)
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  @Test func thePagesOfAFolderAreOneBatchWithEveryDayOnce() throws {
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [fixture("openai-costs", "costs-paginated")]))
    #expect(report.files.map(\.format) == Array(repeating: "openai-costs", count: 3))
    // Days 1..15 of September: 15 day scopes, rows on the days not divisible by 3.
    #expect(report.scopes.count == 15)
    #expect(report.rowCount == 10)
    var expected: Int128 = 0
    for day in 1...15 where day % 3 != 0 {
      expected += Int128(day) * 1_000_000_000 + 250_000_000
    }
    #expect(report.scopes.reduce(Int128(0)) { $0 + $1.billedCost } == expected)
  }

  @Test func theSameDaysFetchedTwiceInOneFolderAreRefused() throws {
    let folder = TemporaryDirectory()
    for name in ["overlap-refetch-first", "overlap-refetch-second"] {
      folder.write(
        "costs/\(name).json",
        try String(contentsOfFile: fixture("openai-costs", name), encoding: .utf8)
      )
    }
    let database = try SpendDatabase.inMemory()
    let before = try DatabaseSnapshot.dump(database)
    #expect {
      try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [folder.path("costs")]))
    } throws: { error in
      let text = String(describing: error)
      return text.contains("overlap-refetch-second.json:")
        && text.contains("already read in this batch")
    }
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  @Test func aRefetchedUsageEndpointReplacesOnlyItsOwnDays() throws {
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    _ = try ingestor.ingest(
      IngestOptions(paths: [fixture("openai-usage", "completions-by-model-paginated")])
    )
    _ = try ingestor.ingest(
      IngestOptions(paths: [fixture("openai-usage", "overlap-refetch-first")])
    )
    let second = try ingestor.ingest(
      IngestOptions(paths: [fixture("openai-usage", "overlap-refetch-second")])
    )
    // Days 4 and 5 of embeddings are replaced; completions of day 4 are untouched.
    #expect(
      second.replacements.map(\.format) == ["openai-usage/embeddings", "openai-usage/embeddings"]
    )
    let tokens = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT endpoint, SUM(quantity) FROM aiUsage WHERE quantityKind = 'input'
          GROUP BY endpoint ORDER BY endpoint
          """
      ).map { "\($0[0] as String)=\(Int(($0[1] as Double)))" }
    }
    // Embeddings: 1000+2000+3000 (days 1..3) + 2000*(4+5+6+7) = 50000.
    // Completions: 4438271 + 67617089 + 1000 + 3200000 + 80 uncached input tokens.
    #expect(tokens == ["completions=75256440", "embeddings=50000"])
    #expect(try DatabaseDoctor.check(database).findings == [])
  }
}

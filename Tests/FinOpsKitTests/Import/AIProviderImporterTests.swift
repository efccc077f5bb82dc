import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Golden tests of the AI provider importers on their fixtures, and on the real-shaped samples
/// of `../shared/samples/ai` (skipped when the folder is absent).
struct AIProviderImporterTests {
  static let costFormats = ["openai-costs", "anthropic-cost-report", "anthropic-console-cost"]
  static let usageFormats = ["openai-usage", "anthropic-usage-report"]

  /// Every fixture case that imports cleanly on its own (not `bad-*`, not the second half of
  /// an overlap pair).
  static let goodCases: [(format: String, name: String)] = (costFormats + usageFormats)
    .flatMap { format in
      Fixtures.cases(for: format).filter { !$0.hasPrefix("bad-") && !$0.hasPrefix("overlap-") }
        .map { (format, $0) }
    }

  private static func input(_ format: String, _ name: String) -> String {
    let base = Fixtures.path("importers/\(format)/\(name)")
    for suffix in [".json", ".csv"] where FileManager.default.fileExists(atPath: base + suffix) {
      return base + suffix
    }
    return base
  }

  @Test(arguments: goodCases)
  func importsFixtureIntoGoldenRows(format: String, name: String) throws {
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [Self.input(format, name)]))
    #expect(Set(report.files.map(\.format)) == [format])
    let actual =
      Self.usageFormats.contains(format)
      ? try UsageExport.csv(database) : try ChargeExport.csv(database)
    let outcome = GoldenFile.compare(
      actual,
      path: Fixtures.path("importers/\(format)/\(name).expected.csv")
    )
    #expect(outcome == .matches, "\(outcome)")
    #expect(try DatabaseDoctor.check(database).findings == [])
  }

  @Test func costAmountsAreExactWhetherNumbersOrStrings() throws {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn()).ingest(
      IngestOptions(paths: [Self.input("openai-costs", "costs-by-project-and-line-item")])
    )
    let amounts = try database.writer.read { db in
      try Int64.fetchAll(db, sql: "SELECT billedCostNanos FROM charge ORDER BY sourceLine")
    }
    // 12.3456789 (number), "4.50", 0.625, "10.1425634", 0.25, 8, "1e-2", 3.3
    #expect(
      amounts == [
        12_345_678_900, 4_500_000_000, 625_000_000, 10_142_563_400, 250_000_000, 8_000_000_000,
        10_000_000, 3_300_000_000,
      ]
    )
  }

  @Test func anthropicCentsBecomeDollarsExactly() throws {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn()).ingest(
      IngestOptions(
        paths: [Self.input("anthropic-cost-report", "cost-by-workspace-and-description")]
      )
    )
    let total = try database.writer.read { db in
      try Int64.fetchOne(db, sql: "SELECT SUM(billedCostNanos) FROM charge") ?? 0
    }
    // 123.78912 + 4500 + 12.5 + 37.5 + 1000 cents = 5673.78912 cents = $56.7378912
    #expect(total == 56_737_891_200)
  }

  @Test(arguments: [
    ("openai/openapi_example_costs.json", "openai-costs"),
    ("openai/openapi_example_usage_completions.json", "openai-usage"),
    ("openai/cookbook_completions_usage_30d_real.json", "openai-usage"),
    ("anthropic/cost_report_example_docs_2025.json", "anthropic-cost-report"),
    ("anthropic/cost_report_example_docs_2026.json", "anthropic-cost-report"),
    ("anthropic/usage_report_messages_example_docs_2025.json", "anthropic-usage-report"),
    ("anthropic/usage_report_messages_example_docs_2026.json", "anthropic-usage-report"),
  ])
  func recognizesTheRealSamples(relative: String, format: String) throws {
    guard let samples = Fixtures.sharedSamples else { return }
    let path = samples.appendingPathComponent("ai/\(relative)").path
    let matches = try ImporterRegistry.builtIn().recognizers(of: try InputFiles.sample(path))
    #expect(matches.map(\.importer.descriptor.id) == [format])
  }

  @Test(.enabled(if: Fixtures.sharedSamples != nil))
  func importsEveryOpenAISpecExampleAsUsageOrCost() throws {
    let folder = try #require(Fixtures.sharedSamples).appendingPathComponent("ai/openai")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix("openapi_example_") }.sorted()
    #expect(names.count == 11)
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: names.map { folder.appendingPathComponent($0).path }))
    #expect(report.rowCount == 1)
    let endpoints = try database.writer.read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT endpoint FROM aiUsage ORDER BY endpoint")
    }
    #expect(
      endpoints == [
        "audio_speeches", "audio_transcriptions", "code_interpreter_sessions", "completions",
        "embeddings", "file_search_calls", "images", "moderations", "vector_stores",
        "web_search_calls",
      ]
    )
    let billed = try database.writer.read { db in
      try Int64.fetchOne(db, sql: "SELECT SUM(billedCostNanos) FROM charge")
    }
    #expect(billed == 60_000_000)
    // The spec's completions example: input_uncached_tokens (500) is the uncached input.
    let completions = try usage(database, endpoint: "completions")
    #expect(completions["input"] == 500)
    #expect(completions["cached_input"] == 400)
    #expect(completions["cache_write"] == 100)
    #expect(completions["output"] == 500)
    #expect(completions["requests"] == 5)
    #expect(try DatabaseDoctor.check(database).findings == [])
  }

  /// The cookbook's real 30 days: partial first and last buckets, empty buckets; every token
  /// of the file is accounted for (uncached + cached = input_tokens).
  @Test(.enabled(if: Fixtures.sharedSamples != nil))
  func importsTheCookbooks30DaysOfRealCompletionsUsage() throws {
    let path = try #require(Fixtures.sharedSamples)
      .appendingPathComponent("ai/openai/cookbook_completions_usage_30d_real.json").path
    let buckets = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [[String: Any]]
    )
    var input = 0
    var output = 0
    var requests = 0
    var nonEmpty = 0
    for bucket in buckets {
      let results = bucket["results"] as? [[String: Any]] ?? []
      if !results.isEmpty { nonEmpty += 1 }
      for result in results {
        input += result["input_tokens"] as? Int ?? 0
        output += result["output_tokens"] as? Int ?? 0
        requests += result["num_model_requests"] as? Int ?? 0
      }
    }
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(report.rowCount == 0)
    let totals = try usage(database, endpoint: "completions")
    #expect((totals["input"] ?? 0) + (totals["cached_input"] ?? 0) == Double(input))
    #expect(totals["output"] == Double(output))
    #expect(totals["requests"] == Double(requests))
    let scopes = try database.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM importScope") ?? 0
    }
    #expect(scopes == buckets.count)
    #expect(nonEmpty < buckets.count)
    #expect(try DatabaseDoctor.check(database).findings == [])
  }

  private func usage(_ database: SpendDatabase, endpoint: String) throws -> [String: Double] {
    try database.writer.read { db in
      var totals: [String: Double] = [:]
      for row in try Row.fetchAll(
        db,
        sql: "SELECT quantityKind, SUM(quantity) FROM aiUsage WHERE endpoint = ? GROUP BY 1",
        arguments: [endpoint]
      ) {
        totals[row[0]] = row[1]
      }
      return totals
    }
  }
}

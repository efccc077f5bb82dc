import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// The demo's OpenAI and Anthropic generators: deterministic, recognized page by page, and
/// consistent (spend over tokens gives back the list prices).
struct AIDemoExportTests {
  private func generate(_ folder: TemporaryDirectory) throws {
    try OpenAIExportGenerator(month: 202609, seed: 5).write(to: folder.path("openai"))
    try AnthropicExportGenerator(month: 202609, seed: 6).write(to: folder.path("anthropic"))
  }

  @Test func theSameSeedWritesTheSameBytes() throws {
    let first = TemporaryDirectory()
    let second = TemporaryDirectory()
    try generate(first)
    try generate(second)
    for page in ["openai/costs-202609/page-5.json", "anthropic/usage-report-202609/page-1.json"] {
      #expect(
        try Data(contentsOf: first.url.appendingPathComponent(page))
          == Data(contentsOf: second.url.appendingPathComponent(page))
      )
    }
  }

  @Test func unitCostsByTokenTypeAreTheListPrices() throws {
    let folder = TemporaryDirectory()
    try generate(folder)
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [folder.url.path]))
    #expect(
      Set(report.files.map(\.format)) == [
        "openai-costs", "openai-usage", "anthropic-cost-report", "anthropic-usage-report",
      ]
    )
    let costs = try TokenUsage.unitCosts(month: 202609, in: database)
    func price(_ model: String, _ type: String) -> String? {
      costs.first { $0.model == model && $0.tokenType == type }?.costPerMillionTokens.map {
        Money.exact(ScaledDecimal.round($0, scale: 9, places: 6))
      }
    }
    #expect(price("gpt-4o-2024-08-06", "input") == "2.50")
    #expect(price("gpt-4o-2024-08-06", "cached_input") == "1.25")
    #expect(price("gpt-4o-mini-2024-07-18", "output") == "0.60")
    #expect(price("claude-sonnet-4-20250514", "output") == "15.00")
    #expect(price("claude-haiku-4-5", "cache_write_5m") == "1.25")
    #expect(try DatabaseDoctor.check(database).findings == [])
  }
}

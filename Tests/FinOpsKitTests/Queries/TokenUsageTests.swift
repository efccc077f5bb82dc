import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct TokenUsageTests {
  private func database() throws -> SpendDatabase {
    let database = try SpendDatabase.inMemory()
    let base = "importers/"
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn()).ingest(
      IngestOptions(paths: [
        Fixtures.path(base + "openai-costs/costs-by-project-and-line-item.json"),
        Fixtures.path(base + "openai-usage/completions-by-model-paginated"),
        Fixtures.path(base + "anthropic-cost-report/cost-by-workspace-and-description.json"),
        Fixtures.path(base + "anthropic-usage-report/usage-by-model-and-workspace.json"),
      ])
    )
    return database
  }

  @Test func sumsTokensByProviderModelTypeAndMonthWithoutBreakdowns() throws {
    let rows = try TokenUsage.tokens(month: 202610, in: try database())
    let gpt4o = rows.filter { $0.model == "gpt-4o-2024-08-06" }
    #expect(
      gpt4o.map { "\($0.tokenType)=\($0.tokens)" } == [
        "cached_input=500000", "input=7639271", "output=750200",
      ]
    )
    #expect(!rows.contains { $0.tokenType == "input_audio" })
    #expect(rows.contains { $0.provider == "Anthropic" && $0.tokenType == "cache_write_5m" })
  }

  @Test func costPerMillionTokensByModelAndTokenType() throws {
    let costs = try TokenUsage.unitCosts(month: 202610, in: try database())
    let mini = try #require(
      costs.first { $0.model == "gpt-4o-mini-2024-07-18" && $0.tokenType == nil }
    )
    // 10.1425634 USD over 67617089 + 1200000 + 80 + 10 + 20 tokens.
    #expect(mini.spend == 10_142_563_400)
    #expect(mini.tokens == 68_817_199)
    #expect(mini.costPerMillionTokens == TokenUsage.perMillion(10_142_563_400, 68_817_199))
    let input = try #require(
      costs.first { $0.model == "gpt-4o-2024-08-06" && $0.tokenType == "input" }
    )
    // 12.3456789 + 8 USD of input over 7639271 uncached input tokens: 2.6633011 USD per 1M.
    #expect(input.spend == 20_345_678_900)
    #expect(input.tokens == 7_639_271)
    #expect(input.costPerMillionTokens == 2_663_301_106)
    #expect(costs.contains { $0.provider == "Anthropic" && $0.model == "claude-sonnet-4-20250514" })
  }

  @Test func perMillionRoundsHalfAwayFromZero() {
    #expect(TokenUsage.perMillion(1, 2_000_000) == 1)
    #expect(TokenUsage.perMillion(1, 2_000_001) == 0)
    #expect(TokenUsage.perMillion(-1, 2_000_000) == -1)
  }

  @Test func theAISectionListsTokensAndCostPerMillion() throws {
    let section = try TokenUsageListing.section(
      month: 202610,
      costBasis: .effective,
      database: try database()
    )
    #expect(section.key == "tokens")
    let lines = section.text.split(separator: "\n").map {
      $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
    #expect(
      lines.contains("OpenAI gpt-4o-2024-08-06 input 7639271 20.35 USD 2.663301")
    )
    #expect(lines.contains("Anthropic claude-sonnet-4-20250514 output 300000 45.00 USD 150.00"))
    #expect(section.json.contains("\"cost_per_million_tokens\": \"2.663301\""))
  }
}

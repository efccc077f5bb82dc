import Testing

@testable import FinOpsKit

struct TokenUnitTests {
  @Test(arguments: [
    ("1K tokens", 1_000, "tokens"), ("1M Tokens", 1_000_000, "tokens"),
    ("1000_tokens", 1_000, "tokens"), ("tokens", 1, "tokens"), ("1,000 Tokens", 1_000, "tokens"),
    ("duration_seconds", 1, "seconds"), ("1 Hour", 1, "hours"), ("Hours", 1, "hours"),
    ("images", 1, "images"), ("gibibyte_hours", 1, "gibibyte_hours"),
  ])
  func scalesBlockUnits(text: String, factor: Int64, unit: String) {
    let scaled = TokenUnit.scale(text)
    #expect(scaled.factor == factor)
    #expect(scaled.unit == unit)
  }

  @Test(arguments: [
    ("input", "input"), ("cached input", "cached_input"), ("output", "output"),
    ("uncached_input_tokens", "input"), ("cache_read_input_tokens", "cached_input"),
    ("cache_creation.ephemeral_5m_input_tokens", "cache_write_5m"),
    ("cache_creation.ephemeral_1h_input_tokens", "cache_write_1h"),
    ("input_no_cache", "input"), ("input_cache_read", "cached_input"),
    ("input_cache_write_1h", "cache_write_1h"), ("output_tokens", "output"),
  ])
  func normalizesTokenTypes(text: String, expected: String) {
    #expect(TokenUnit.tokenType(text) == expected)
  }

  @Test func aLineItemWithoutATokenWordHasNoTokenType() {
    #expect(TokenUnit.tokenType("web search tool calls") == nil)
    #expect(OpenAICostsImporter.parse(lineItem: "Web search tool calls") == (nil, nil))
    #expect(
      OpenAICostsImporter.parse(lineItem: "gpt-5-nano, input_tokens") == ("gpt-5-nano", "input")
    )
  }
}

import FinOpsTestSupport
import Foundation
import Testing

/// OpenAI and Anthropic pages end to end: `finops ingest`, `finops ai` with its tokens section,
/// `finops doctor`, and a bad page's exit code and message.
struct AIProviderCommandTests {
  private let fixtures = Fixtures.directory.appendingPathComponent("importers").path

  @Test func ingestsPagesAndShowsCostPerMillionTokens() throws {
    let folder = TemporaryDirectory()
    let ingest = try CommandRunner.run(
      [
        "ingest", "--db", "ai.sqlite",
        "\(fixtures)/openai-costs/costs-by-project-and-line-item.json",
        "\(fixtures)/openai-usage/completions-by-model-paginated",
      ],
      in: folder.url
    )
    #expect(ingest.status == 0, "\(ingest.stderr)")
    #expect(ingest.stderr.contains("and 18 usage records"))
    let ai = try CommandRunner.run(
      ["ai", "--month", "2026-10", "--format", "json", "--db", "ai.sqlite"],
      in: folder.url
    )
    #expect(ai.status == 0, "\(ai.stderr)")
    #expect(
      ai.stdout.contains(
        "{\"provider\": \"OpenAI\", \"model\": \"gpt-4o-2024-08-06\", \"token_type\": \"input\", "
          + "\"tokens\": 7639271, \"amount\": \"20.35\", \"currency\": \"USD\", "
          + "\"cost_per_million_tokens\": \"2.663301\"}"
      )
    )
    let doctor = try CommandRunner.run(["doctor", "--db", "ai.sqlite"], in: folder.url)
    #expect(doctor.status == 0, "\(doctor.stderr)")
  }

  @Test func aBadPageExitsWith65AndNamesTheLine() throws {
    let folder = TemporaryDirectory()
    let result = try CommandRunner.run(
      ["ingest", "--db", "ai.sqlite", "\(fixtures)/openai-costs/bad-non-numeric-amount.json"],
      in: folder.url
    )
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "bad-non-numeric-amount.json:21: error: [openai-costs] column 'amount.value' has "
          + "non-numeric value '12,50'"
      )
    )
  }
}

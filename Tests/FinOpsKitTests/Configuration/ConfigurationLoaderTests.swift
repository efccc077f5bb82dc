import Testing

@testable import FinOpsKit

struct ConfigurationLoaderTests {
  /// The example of DESIGN.md, with the `search` and `support` teams its rules refer to.
  static let example = """
    currency: USD
    fx: {EUR: 1.08}
    cost_basis: effective
    innovation:
      target: 0.10
      teams: [ai-lab]
    ai:
      count_gpu_compute: true
    teams:
      - id: payments
        name: Payments
        monthly_budget: 120000
      - id: ai-lab
        monthly_budget: 30000
      - id: search
      - id: support
    pilots:
      - id: support-copilot
        name: Support Copilot
        team: support
        monthly_budget: 4000
        total_budget: 30000
        start: 2026-07
        end: 2026-12
    rules:
      - name: pilot tag
        when: { tags: { pilot: "*" } }
        pilot: "{tags.pilot}"
      - name: payments accounts
        when: { sub_account_id: ["111111111111", "222222222222"] }
        team: payments
      - name: support bedrock
        when: { service_name: "/^Amazon Bedrock/", tags: { team: support } }
        pilot: support-copilot
    shared:
      - name: support plans and tax
        when: { charge_category: [Tax], service_name: ["AWS Support (Business)"] }
        split: proportional
        among: [payments, search, support]
    alerts:
      thresholds: { warning: 0.8, critical: 1.0 }
      unallocated_max: 0.10
      webhook: https://example.invalid/hook
    """

  private func parse(_ yaml: String) throws -> (FinOpsConfiguration, [ConfigurationWarning]) {
    try ConfigurationLoader.parse(yaml: yaml, path: "finops.yaml")
  }

  private func error(_ yaml: String) -> String {
    do {
      _ = try parse(yaml)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func readsTheDesignExample() throws {
    let (configuration, warnings) = try parse(Self.example)
    #expect(warnings == [])
    #expect(configuration.fx["EUR"] == 1_080_000_000)
    #expect(configuration.innovationTarget == 100_000_000)
    #expect(configuration.teams.map(\.id) == ["payments", "ai-lab", "search", "support"])
    #expect(configuration.teams[0].monthlyBudget == 120_000_000_000_000)
    #expect(configuration.pilots[0].start == 202607)
    #expect(configuration.pilots[0].end == 202612)
    #expect(configuration.pilots[0].totalBudget == 30_000_000_000_000)
    #expect(
      configuration.rules.map(\.name) == ["pilot tag", "payments accounts", "support bedrock"]
    )
    #expect(configuration.rules[0].target == .pilot("{tags.pilot}"))
    #expect(
      configuration.rules[1].when.conditions[0].patterns.map(\.text) == [
        "111111111111", "222222222222",
      ]
    )
    #expect(configuration.rules[2].line == 32)
    #expect(configuration.shared[0].split == .proportional)
    #expect(configuration.alerts.webhook == "https://example.invalid/hook")
  }

  @Test func missingKeysTakeTheirDefaults() throws {
    let (configuration, _) = try parse("teams: [{id: a}]")
    #expect(configuration.currency == "USD")
    #expect(configuration.costBasis == .effective)
    #expect(configuration.innovationTarget == 100_000_000)
    #expect(configuration.alerts.warning == 800_000_000)
    #expect(configuration.countGPUCompute)
  }

  @Test func unknownKeysAreWarningsWithASuggestion() throws {
    let (_, warnings) = try parse(
      "currency: USD\ncurency: EUR\nteams:\n  - id: a\n    monthly_budgt: 5\n"
    )
    #expect(
      warnings.map(\.description) == [
        "finops.yaml:5: warning: unknown key 'monthly_budgt' in team 'a' (did you mean "
          + "'monthly_budget'?)",
        "finops.yaml:2: warning: unknown key 'curency' in the configuration (did you mean "
          + "'currency'?)",
      ]
    )
  }

  @Test(arguments: [
    (
      "teams: [{id: a}]\nrules:\n  - name: r\n    when: {service_name: x}\n    team: b\n",
      "finops.yaml:3: error: rule 'r' names unknown team 'b'"
    ),
    (
      "teams: [{id: a}]\npilots:\n  - id: p\n    team: nobody\n",
      "finops.yaml:3: error: pilot 'p' names unknown team 'nobody'"
    ),
    (
      "teams: [{id: a}, {id: b}]\nshared:\n  - name: s\n    when: {charge_category: Tax}\n"
        + "    split: fixed\n    weights: {a: 0, b: 0}\n",
      "finops.yaml:3: error: shared cost 's' has weights that are all zero"
    ),
    (
      "teams: [{id: a}, {id: b}]\nshared:\n  - name: s\n    when: {charge_category: Tax}\n"
        + "    split: fixed\n    weights: {a: -1, b: 2}\n",
      "finops.yaml:3: error: shared cost 's' has a negative weight"
    ),
    (
      "teams: [{id: a}]\nrules:\n  - name: r\n    when: {service_name: \"/([a-z/\"}\n    team: a\n",
      "finops.yaml:4: error: 'service_name' has an invalid regular expression '/([a-z/'"
    ),
    (
      "teams: [{id: a}]\nrules:\n  - name: r\n    when: {service_nam: x}\n    team: a\n",
      "finops.yaml:4: error: 'service_nam' is not a charge column or 'tags'\n"
        + "finops.yaml:4: note: did you mean 'service_name'?"
    ),
    (
      "teams:\n  - id: a\n    monthly_budget: lots\n",
      "finops.yaml:3: error: 'monthly_budget' must be a number, not 'lots'"
    ),
    (
      "teams: [{id: a}]\npilots:\n  - id: p\n    team: a\n    start: July\n",
      "finops.yaml:5: error: 'start' must be a month like 2026-07, not 'July'"
    ),
    ("teams: [{id: a}, {id: a}]", "finops.yaml:1: error: team 'a' is defined twice"),
    (
      "teams: [{id: a}]\nrules:\n  - name: r\n    when: {service_name: x}\n    team: a\n    pilot: p\n",
      "finops.yaml:3: error: rule 'r' has both 'team' and 'pilot'; keep one"
    ),
    (
      "teams: [{id: a}]\nrules:\n  - name: r\n    when: {service_name: x}\n    team: \"{tag.team}\"\n",
      "finops.yaml:3: error: rule 'r' uses '{tag.team}', which is not 'tags.KEY' or a charge column"
    ),
    ("cost_basis: amortized", "finops.yaml:1: error: cost_basis must be 'effective' or 'billed'"),
    ("teams: [{id: a}\n", "finops.yaml:2: error: invalid YAML"),
  ])
  func invalidSettingsAreErrorsAtTheirLine(yaml: String, expected: String) {
    let message = error(yaml)
    #expect(message.hasPrefix(expected), "\(message)")
  }

  @Test func locatesNegativeBudgetsAndUnknownInnovationTeams() {
    #expect(
      error("teams:\n  - id: a\n    monthly_budget: -5\n").hasPrefix(
        "finops.yaml:3: error: 'monthly_budget' of team 'a' must not be negative"
      )
    )
    #expect(
      error("teams: [{id: a}]\ninnovation:\n  teams: [ai-lab]\n").hasPrefix(
        "finops.yaml:3: error: innovation.teams names unknown team 'ai-lab'"
      )
    )
  }

  @Test func weightsOutsideAFixedSplitAreAWarning() throws {
    let (_, warnings) = try parse(
      "teams: [{id: a}]\nshared:\n  - name: s\n    when: {charge_category: Tax}\n"
        + "    split: even\n    weights: {a: 1}\n"
    )
    #expect(
      warnings.map(\.description) == [
        "finops.yaml:6: warning: 'weights' of shared cost 's' are ignored: they apply to "
          + "'split: fixed' only"
      ]
    )
  }
}

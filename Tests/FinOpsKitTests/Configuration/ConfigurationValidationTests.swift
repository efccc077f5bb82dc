import Testing

@testable import FinOpsKit

/// Exact messages (file, line, wording, note) for every way `finops.yaml` can be refused, and the
/// forms it accepts.
struct ConfigurationValidationTests {
  /// One refused configuration and the whole message it must produce.
  struct Refusal: Sendable, CustomTestStringConvertible {
    var yaml: String
    var message: String
    var testDescription: String { message.split(separator: "\n").first.map(String.init) ?? "" }
  }

  private static let rule =
    "teams: [{id: alpha}]\nrules:\n  - name: r\n    when: {service_name: x}\n"
  private static let shared =
    "teams: [{id: a}, {id: b}]\nshared:\n  - name: s\n    when: {charge_category: Tax}\n"
  private static let pilot = "teams: [{id: a}]\npilots:\n  - id: p\n    team: a\n"

  static let refusals: [Refusal] = [
    // A rule naming an unknown team or pilot.
    Refusal(
      yaml: rule + "    team: alpah\n",
      message: "finops.yaml:3: error: rule 'r' names unknown team 'alpah'\n"
        + "finops.yaml:3: note: did you mean 'alpha'?"
    ),
    Refusal(
      yaml: rule + "    pilot: copilot\n",
      message: "finops.yaml:3: error: rule 'r' names unknown pilot 'copilot'\n"
        + "finops.yaml:3: note: no pilots are configured"
    ),
    Refusal(
      yaml: "teams: [{id: a}]\npilots: [{id: p1, team: a}, {id: p2, team: a}]\nrules:\n"
        + "  - name: r\n    when: {service_name: x}\n    pilot: support-copilot\n",
      message: "finops.yaml:4: error: rule 'r' names unknown pilot 'support-copilot'\n"
        + "finops.yaml:4: note: known pilots: p1, p2"
    ),
    // Templates are checked for syntax only.
    Refusal(
      yaml: rule + "    pilot: \"{tags.pilot\"\n",
      message: "finops.yaml:3: error: rule 'r' has an unclosed '{' in '{tags.pilot'"
    ),
    Refusal(
      yaml: rule + "    pilot: \"pilot}\"\n",
      message: "finops.yaml:3: error: rule 'r' has a stray '}'"
    ),
    Refusal(
      yaml: rule + "    team: \"{tags.}\"\n",
      message: "finops.yaml:3: error: rule 'r' uses '{tags.}', which is not 'tags.KEY' or a "
        + "charge column"
    ),
    // A rule with both or neither of team and pilot, or without conditions.
    Refusal(
      yaml: rule + "    team: alpha\n    pilot: p\n",
      message: "finops.yaml:3: error: rule 'r' has both 'team' and 'pilot'; keep one"
    ),
    Refusal(yaml: rule, message: "finops.yaml:3: error: rule 'r' needs 'team' or 'pilot'"),
    Refusal(
      yaml: "teams: [{id: a}]\nrules:\n  - name: r\n    team: a\n",
      message: "finops.yaml:3: error: rule 'r' needs a 'when' block"
    ),
    // A pilot whose team does not exist; months; budgets.
    Refusal(
      yaml: "teams: [{id: payments}]\npilots:\n  - id: p\n    team: paymnts\n",
      message: "finops.yaml:3: error: pilot 'p' names unknown team 'paymnts'\n"
        + "finops.yaml:3: note: did you mean 'payments'?"
    ),
    Refusal(
      yaml: "teams: [{id: a}]\npilots:\n  - id: p\n    team: support\n",
      message: "finops.yaml:3: error: pilot 'p' names unknown team 'support'\n"
        + "finops.yaml:3: note: known teams: a"
    ),
    Refusal(
      yaml: pilot + "    start: 2026-13\n",
      message: "finops.yaml:5: error: 'start' must be a month like 2026-07, not '2026-13'"
    ),
    Refusal(
      yaml: pilot + "    start: 2026-07\n    end: December\n",
      message: "finops.yaml:6: error: 'end' must be a month like 2026-07, not 'December'"
    ),
    Refusal(
      yaml: pilot + "    start: 2026-12\n    end: 2026-01\n",
      message: "finops.yaml:3: error: pilot 'p' ends before it starts"
    ),
    Refusal(
      yaml: pilot + "    total_budget: 30k\n",
      message: "finops.yaml:5: error: 'total_budget' must be a number, not '30k'"
    ),
    Refusal(
      yaml: "teams:\n  - id: a\n    monthly_budget: \"1,200\"\n",
      message: "finops.yaml:3: error: 'monthly_budget' must be a number, not '1,200'"
    ),
    Refusal(
      yaml: "teams:\n  - id: a\n    monthly_budget: [1]\n",
      message: "finops.yaml:3: error: 'monthly_budget' must be a single value"
    ),
    // Duplicate ids and missing ids.
    Refusal(
      yaml: "teams:\n  - id: a\n  - id: b\n  - id: a\n",
      message: "finops.yaml:4: error: team 'a' is defined twice"
    ),
    Refusal(
      yaml: pilot + "  - id: p\n    team: a\n",
      message: "finops.yaml:5: error: pilot 'p' is defined twice"
    ),
    Refusal(
      yaml: "teams:\n  - name: Payments\n",
      message: "finops.yaml:2: error: a team needs 'id'"
    ),
    Refusal(yaml: "teams: payments\n", message: "finops.yaml:1: error: 'teams' must be a list"),
    // Shared costs.
    Refusal(
      yaml: shared + "    split: fixed\n    among: [a]\n    weights: {a: 1, b: 2}\n",
      message: "finops.yaml:3: error: shared cost 's' weighs 'b', which is not among its teams"
    ),
    Refusal(
      yaml: shared + "    split: fixed\n    weights: {a: 0.0, b: 0}\n",
      message: "finops.yaml:3: error: shared cost 's' has weights that are all zero\n"
        + "finops.yaml:3: note: give at least one team a positive weight, or use 'split: even'"
    ),
    Refusal(
      yaml: shared + "    split: fixed\n    weights: {a: 3, b: -1}\n",
      message: "finops.yaml:3: error: shared cost 's' has a negative weight"
    ),
    Refusal(
      yaml: shared + "    split: fixed\n    weights: {a: half}\n",
      message: "finops.yaml:6: error: 'weights.a' must be a number, not 'half'"
    ),
    Refusal(
      yaml: shared + "    split: fixed\n",
      message: "finops.yaml:3: error: shared cost 's' splits 'fixed' but has no 'weights'"
    ),
    Refusal(
      yaml: shared + "    split: weighted\n",
      message: "finops.yaml:5: error: split must be 'even', 'proportional' or 'fixed', not "
        + "'weighted'"
    ),
    Refusal(
      yaml: shared + "    among: [a, c]\n",
      message: "finops.yaml:3: error: shared cost 's' names unknown team 'c'\n"
        + "finops.yaml:3: note: did you mean 'a'?"
    ),
    // The `when` block.
    Refusal(
      yaml: "teams: [{id: a}]\nrules:\n  - name: r\n    when: {service_name: [ok, \"/(/\"]}\n"
        + "    team: a\n",
      message: "finops.yaml:4: error: 'service_name' has an invalid regular expression '/(/'"
    ),
    Refusal(
      yaml: "teams: [{id: a}]\nrules:\n  - name: r\n    when:\n      regin_id: x\n    team: a\n",
      message: "finops.yaml:5: error: 'regin_id' is not a charge column or 'tags'\n"
        + "finops.yaml:5: note: did you mean 'region_id'?"
    ),
    Refusal(
      yaml: "teams: [{id: a}]\nrules:\n  - name: r\n    when: {tags: prod}\n    team: a\n",
      message: "finops.yaml:4: error: 'when.tags' must be a mapping of keys to values"
    ),
    // Top-level settings.
    Refusal(
      yaml: "cost_basis: amortized\n",
      message: "finops.yaml:1: error: cost_basis must be 'effective' or 'billed', not 'amortized'"
    ),
    Refusal(
      yaml: "fx: {EUR: 0}\n",
      message: "finops.yaml:1: error: rate for 'EUR' must be positive"
    ),
    Refusal(
      yaml: "fx:\n  EUR: one\n",
      message: "finops.yaml:2: error: 'fx.EUR' must be a number, not 'one'"
    ),
    Refusal(
      yaml: "ai:\n  count_gpu_compute: sometimes\n",
      message: "finops.yaml:2: error: 'count_gpu_compute' must be true or false, not 'sometimes'"
    ),
    Refusal(
      yaml: "innovation:\n  target: ten percent\n",
      message: "finops.yaml:2: error: 'target' must be a number, not 'ten percent'"
    ),
    Refusal(
      yaml: "- teams\n",
      message: "finops.yaml:1: error: the configuration must be a mapping of keys to values"
    ),
  ]

  private func parse(_ yaml: String) throws -> (FinOpsConfiguration, [ConfigurationWarning]) {
    try ConfigurationLoader.parse(yaml: yaml, path: "finops.yaml")
  }

  @Test(arguments: refusals)
  func refusesWithTheExactMessageLineAndNote(_ refusal: Refusal) {
    #expect(throws: ConfigurationError.self) { try parse(refusal.yaml) }
    do {
      _ = try parse(refusal.yaml)
    } catch {
      #expect("\(error)" == refusal.message)
    }
  }

  @Test func templateTargetsNeedNoConfiguredPilot() throws {
    let (configuration, warnings) = try parse(
      Self.rule + "    pilot: \"{tags.pilot}\"\n  - name: t\n    when: {service_name: y}\n"
        + "    team: \"team-{sub_account_name}\"\n"
    )
    #expect(warnings == [])
    #expect(
      configuration.rules.map(\.target) == [
        .pilot("{tags.pilot}"), .team("team-{sub_account_name}"),
      ]
    )
  }

  @Test func unquotedNumbersAndBooleansAreTakenAsWritten() throws {
    let (configuration, _) = try parse(
      "teams: [{id: 2024}]\nrules:\n  - name: r\n    when:\n      sub_account_id: [111111111111, "
        + "0042]\n      tags: {cost_center: 4100, shared: true}\n    team: 2024\n"
    )
    #expect(configuration.teams.map(\.id) == ["2024"])
    #expect(configuration.rules[0].target == .team("2024"))
    #expect(
      configuration.rules[0].when.conditions.map { "\($0.key)=\($0.patterns.map(\.text))" } == [
        #"sub_account_id=["111111111111", "0042"]"#, #"tags.cost_center=["4100"]"#,
        #"tags.shared=["true"]"#,
      ]
    )
  }

  @Test func budgetsAndRatesAreExactNanoUnits() throws {
    let (configuration, _) = try parse(
      "fx: {EUR: 1.0825, JPY: 0.006712}\nteams:\n  - id: a\n    monthly_budget: 12_345.67\n"
        + "pilots:\n  - id: p\n    team: a\n    monthly_budget: 0.1\n    total_budget: 3e4\n"
    )
    #expect(configuration.fx == ["EUR": 1_082_500_000, "JPY": 6_712_000])
    #expect(configuration.teams[0].monthlyBudget == 12_345_670_000_000)
    #expect(configuration.pilots[0].monthlyBudget == 100_000_000)
    #expect(configuration.pilots[0].totalBudget == 30_000_000_000_000)
  }

  @Test func everyMissingKeyTakesItsDefault() throws {
    let (empty, warnings) = try parse("")
    #expect(warnings == [])
    #expect(empty == FinOpsConfiguration())
    let (configuration, _) = try parse(
      "teams:\n  - id: a\npilots:\n  - id: p\n    team: a\nshared:\n  - name: s\n"
        + "    when: {charge_category: Tax}\nalerts:\n  webhook: https://example.invalid/h\n"
    )
    #expect(configuration.currency == "USD")
    #expect(configuration.fx == [:])
    #expect(configuration.costBasis == .effective)
    #expect(configuration.innovationTarget == 100_000_000)
    #expect(configuration.innovationTeams == [])
    #expect(configuration.countGPUCompute)
    #expect(configuration.teams[0].name == "a")
    #expect(configuration.teams[0].monthlyBudget == nil)
    #expect(configuration.pilots[0].name == "p")
    #expect(configuration.pilots[0].start == nil)
    #expect(configuration.pilots[0].end == nil)
    #expect(configuration.shared[0].split == .proportional)
    #expect(configuration.shared[0].among == [])
    #expect(configuration.alerts.warning == 800_000_000)
    #expect(configuration.alerts.critical == 1_000_000_000)
    #expect(configuration.alerts.unallocatedMax == 100_000_000)
    #expect(configuration.alerts.webhook == "https://example.invalid/h")
  }

  @Test func unknownKeysInEverySectionWarnWithASuggestion() throws {
    let (_, warnings) = try parse(
      """
      innovation: {target: 0.1, team: [a]}
      ai: {count_gpu: false}
      teams:
        - id: a
          budget: 5
      pilots:
        - id: p
          team: a
          starts: 2026-01
      rules:
        - name: r
          when: {service_name: x}
          team: a
          priority: 1
      shared:
        - name: s
          when: {charge_category: Tax}
          amongst: [a]
      alerts:
        thresholds: {criticl: 0.5}
        webhok: https://example.invalid/h
      colour: blue
      """
    )
    #expect(
      warnings.map(\.description) == [
        "finops.yaml:1: warning: unknown key 'team' in 'innovation' (did you mean 'teams'?)",
        "finops.yaml:2: warning: unknown key 'count_gpu' in 'ai'",
        "finops.yaml:5: warning: unknown key 'budget' in team 'a'",
        "finops.yaml:9: warning: unknown key 'starts' in pilot 'p' (did you mean 'start'?)",
        "finops.yaml:14: warning: unknown key 'priority' in rule 'r'",
        "finops.yaml:18: warning: unknown key 'amongst' in shared cost 's' (did you mean "
          + "'among'?)",
        "finops.yaml:20: warning: unknown key 'criticl' in 'thresholds' (did you mean 'critical'?)",
        "finops.yaml:21: warning: unknown key 'webhok' in 'alerts' (did you mean 'webhook'?)",
        "finops.yaml:22: warning: unknown key 'colour' in the configuration",
      ]
    )
  }

  @Test func loadingAMissingFileSaysHowToCreateOne() {
    do {
      _ = try ConfigurationLoader.load(path: "/nonexistent/finops.yaml")
      Issue.record("no error")
    } catch {
      #expect(
        error.description == "/nonexistent/finops.yaml: error: cannot read configuration file\n"
          + "/nonexistent/finops.yaml: note: create it (see 'finops demo' for an example) or pass "
          + "--config PATH"
      )
    }
  }
}

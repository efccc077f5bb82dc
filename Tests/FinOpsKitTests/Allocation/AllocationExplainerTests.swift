import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct AllocationExplainerTests {
  static let configuration = """
    teams: [{id: ml}, {id: payments}]
    pilots: [{id: support-copilot, team: ml}]
    rules:
      - name: pilot tag
        when: {tags: {pilot: "*"}}
        pilot: "{tags.pilot}"
      - name: instances
        when: {resource_id: "i-*", region_id: [us-east-1, us-west-2]}
        team: ml
    shared:
      - name: tax
        when: {charge_category: Tax}
        split: even
    """

  private func setUp() throws -> (SpendDatabase, AllocationExplainer) {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn()).ingest(
      IngestOptions(paths: [Fixtures.path("importers/focus/focus-1.0-sample.csv")])
    )
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: Self.configuration,
      path: "finops.yaml"
    )
    return (
      database,
      AllocationExplainer(
        engine: AllocationEngine(configuration: configuration),
        configurationPath: "finops.yaml"
      )
    )
  }

  @Test func explainsAResourceRuleByRule() throws {
    let (database, explainer) = try setUp()
    let found = try #require(
      try AllocationExplainer.resource("i-00aa11bb22cc33dd4", month: 202409, in: database)
    )
    #expect(found.summary.contains("Amazon Elastic Compute Cloud, sub-account 210987654321"))
    #expect(
      explainer.explain(found.attributes) == [
        "finops.yaml:11: shared cost 'tax': no, charge_category 'Usage' does not match 'Tax'",
        "finops.yaml:4: rule 'pilot tag': no, tags.pilot is empty, wanted '*'",
        "finops.yaml:7: rule 'instances': yes",
        "=> team:ml",
      ]
    )
  }

  @Test func explainsATemplateThatNamesNoConfiguredTarget() throws {
    let (_, explainer) = try setUp()
    let attributes = ChargeAttributes.from(columns: [
      .chargeCategory: "Usage", .resourceId: "vol-1", .tags: #"{"pilot": "unknown"}"#,
    ])
    #expect(
      explainer.explain(attributes) == [
        "finops.yaml:11: shared cost 'tax': no, charge_category 'Usage' does not match 'Tax'",
        "finops.yaml:4: rule 'pilot tag': matched, but '{tags.pilot}' gives 'unknown', which is "
          + "no configured pilot; trying the next rule",
        "finops.yaml:7: rule 'instances': no, resource_id 'vol-1' does not match 'i-*'",
        "=> unallocated (no shared cost or rule matched)",
      ]
    )
  }

  @Test func explainsASharedCost() throws {
    let (database, explainer) = try setUp()
    let found = try #require(try AllocationExplainer.charge(id: 4, in: database))
    #expect(
      explainer.explain(found.attributes).suffix(2) == [
        "finops.yaml:11: shared cost 'tax': yes, split even", "=> shared 'tax'",
      ]
    )
  }
}

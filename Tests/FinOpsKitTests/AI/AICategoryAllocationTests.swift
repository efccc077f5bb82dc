import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// The stored AI category is a column like any other for `finops.yaml` rules and for
/// `finops explain`.
struct AICategoryAllocationTests {
  private func database() throws -> SpendDatabase {
    let folder = TemporaryDirectory()
    let export = folder.path("mixed.csv")
    let rows = [
      TinyFOCUS.row(cost: "3.00", service: "Amazon Elastic Compute Cloud", subAccount: "gpu")
        .replacingOccurrences(of: "Amazon Elastic Compute Cloud, usage", with: "g5.xlarge"),
      TinyFOCUS.row(cost: "2.00", service: "Amazon Bedrock", subAccount: "genai"),
      TinyFOCUS.row(cost: "1.00", service: "AWS Lambda", subAccount: "web"),
    ]
    try TinyFOCUS.file(rows).write(toFile: export, atomically: true, encoding: .utf8)
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [export]))
    return database
  }

  @Test func rulesMatchOnTheAICategory() throws {
    let (configuration, warnings) = try ConfigurationLoader.parse(
      yaml: """
        teams:
          - {id: ml, name: ML}
          - {id: web, name: Web}
        rules:
          - name: AI to ml
            when: {ai_category: [genai-api, gpu-compute]}
            team: ml
          - name: the rest
            when: {provider_name: AWS}
            team: web
        """,
      path: "finops.yaml"
    )
    #expect(warnings.isEmpty)
    let allocation = try AllocationEngine(configuration: configuration)
      .allocate(month: 202_610, in: try database())
    #expect(allocation.byOwner[.team("ml")] == 5_000_000_000)
    #expect(allocation.byOwner[.team("web")] == 1_000_000_000)
  }

  @Test func explainShowsTheCategoryAndAccelerators() throws {
    let database = try database()
    let gpu = try #require(try AllocationExplainer.charge(id: 1, in: database))
    #expect(gpu.summary.hasSuffix(", AI category gpu-compute (1.0 x NVIDIA A10G per instance)"))
    #expect(gpu.attributes.columns[.aiCategory] == "gpu-compute")
    let lambda = try #require(try AllocationExplainer.charge(id: 3, in: database))
    #expect(lambda.summary.hasSuffix(", not AI"))
  }

  @Test func aiRulesInTheConfigurationResolveNextToTheFile() throws {
    let (configuration, warnings) = try ConfigurationLoader.parse(
      yaml: "ai:\n  count_gpu_compute: false\n  rules: rules/ai.yaml\n",
      path: "/etc/finops/finops.yaml"
    )
    #expect(warnings.isEmpty)
    #expect(configuration.aiRules == "/etc/finops/rules/ai.yaml")
    #expect(!configuration.countGPUCompute)
  }
}

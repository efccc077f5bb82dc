import Foundation
import Testing

@testable import FinOpsKit

struct AIRuleFileTests {
  static let userFile = """
    version: 1
    rules:
      - id: render-farm-is-not-ai
        category: none
        when:
          sub_account_id: render-*
          service_name: Amazon Elastic Compute Cloud
      - id: in-house-llm-gateway
        category: genai-api
        when:
          - tags.product: /^(llm|genai)-/
          - extras.x_Operation: InvokeGateway
    accelerators:
      - instance_type: g5.4xlarge
        count: 2
        model: NVIDIA A10G (custom)
        provider: aws
    """

  private func classify(
    _ classifier: AIClassifier,
    _ columns: [ChargeColumn: String],
    extras: String? = nil
  ) -> AIClassifier.Result {
    classifier.classify(column: { columns[$0] }, extras: extras)
  }

  @Test func userRulesComeBeforeTheBuiltInOnes() throws {
    let file = try AIRuleFile.parse(yaml: Self.userFile, path: "my-ai.yaml")
    let classifier = try AIClassifier.builtIn(adding: file)
    #expect(classifier.rules.first?.id == "render-farm-is-not-ai")
    #expect(classifier.rules.first?.source == "my-ai.yaml")
    let g5: [ChargeColumn: String] = [
      .serviceName: "Amazon Elastic Compute Cloud",
      .chargeDescription: "$1.624 per On Demand Linux g5.4xlarge Instance Hour",
    ]
    var renderFarm = g5
    renderFarm[.subAccountId] = "render-prod"
    let excluded = classify(classifier, renderFarm)
    #expect(excluded.category == nil)
    #expect(excluded.ruleId == "render-farm-is-not-ai")
    var training = g5
    training[.subAccountId] = "ml-training"
    let kept = classify(classifier, training)
    #expect(kept.category == .gpuCompute)
    // The user's accelerator row replaces the built-in one.
    #expect(kept.accelerator?.count == 2)
    #expect(kept.accelerator?.model == "NVIDIA A10G (custom)")
  }

  @Test func userRulesReadTagsAndExtras() throws {
    let classifier = try AIClassifier.builtIn(
      adding: try AIRuleFile.parse(yaml: Self.userFile, path: "my-ai.yaml")
    )
    let tagged = classify(
      classifier,
      [.serviceName: "AWS Lambda", .tags: #"{"product":"llm-router"}"#]
    )
    #expect(tagged.category == .genaiAPI)
    #expect(tagged.ruleId == "in-house-llm-gateway")
    let byExtras = classify(
      classifier,
      [.serviceName: "AWS Lambda"],
      extras: #"{"x_Operation":"InvokeGateway"}"#
    )
    #expect(byExtras.category == .genaiAPI)
    let neither = classify(classifier, [.serviceName: "AWS Lambda", .tags: #"{"product":"web"}"#])
    #expect(neither.category == nil)
  }

  @Test func theBuiltInTableCountsAreUnchangedWithoutAUserFile() {
    let result = AIClassifier.standard().classify(
      column: {
        [
          .serviceName: "Amazon Elastic Compute Cloud",
          .chargeDescription: "$1.624 per On Demand Linux g5.4xlarge Instance Hour",
        ][$0]
      },
      extras: nil
    )
    #expect(result.accelerator?.count == 1)
  }

  /// Invalid files fail with the file, the line and the reason.
  @Test(arguments: [
    (
      "rules:\n  - id: a\n    category: genai\n    when: {service_name: X}\n",
      "my-ai.yaml:3: error: rule 'a': unknown category 'genai'"
    ),
    (
      "rules:\n  - id: a\n    category: genai-api\n    when: {servce_name: X}\n",
      "my-ai.yaml:4: error: rule 'a': 'servce_name' is not a charge column"
    ),
    (
      "rules:\n  - id: a\n    category: genai-api\n    when: {service_name: '/([a-/'}\n",
      "my-ai.yaml:4: error: rule 'a': '/([a-/' is not a valid regular expression"
    ),
    (
      "rules:\n  - {id: a, category: ai-service, when: {service_name: X}}\n"
        + "  - {id: a, category: ai-service, when: {service_name: Y}}\n",
      "my-ai.yaml:3: error: rule id 'a' is used twice"
    ),
    (
      "rules:\n  - id: a\n    category: ai-service\n",
      "my-ai.yaml:2: error: rule 'a' needs 'when'"
    ),
    (
      "rules:\n  - id: a\n    category: ai-service\n    when: {service_name: X}\n    colour: red\n",
      "my-ai.yaml:5: error: unknown key 'colour' in rule 'a'"
    ),
    (
      "accelerators:\n  - {instance_type: x1, count: zero, model: M}\n",
      "my-ai.yaml:2: error: accelerator row 'x1': count must be a positive number, not 'zero'"
    ),
    (
      "version: 2\nrules: []\n",
      "my-ai.yaml:1: error: unsupported AI rule file version '2'"
    ),
    (
      "rules:\n  - id: a\n    category: ai-service\n    when: {ai_category: gpu-compute}\n",
      "my-ai.yaml:4: error: rule 'a': 'ai_category' is not a charge column"
    ),
  ])
  func rejectsAnInvalidFileWithItsLine(yaml: String, message: String) {
    do {
      _ = try AIRuleFile.parse(yaml: yaml, path: "my-ai.yaml")
      Issue.record("expected an error for:\n\(yaml)")
    } catch {
      #expect(error.description.hasPrefix(message), "\(error.description)")
    }
  }

  @Test func anUnreadableUserFileSaysWhereToLook() {
    do {
      _ = try AIClassifier.load(userRules: "/nonexistent/ai.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("/nonexistent/ai.yaml: error: cannot read AI rule file"))
      #expect(error.note?.contains("--ai-rules") == true)
    }
  }

  @Test func aMalformedTableRowNamesItsLine() {
    let csv =
      "# comment\nprovider,instance_type,accelerators,accelerator\naws,p5.48xlarge,eight,H100\n"
    do {
      _ = try AcceleratorTable.parse(csv: csv, path: "gpu.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("gpu.csv:3: error: expected"))
    }
  }

  @Test(arguments: [
    ("USE1-Train:ml.p4d.24xlarge", "p4d.24xlarge"),
    ("Virtual Machines NCadsA100v4 Series - NC24ads A100 v4 - US East", "Standard_NC24ads_A100_v4"),
    (#"{"ServiceType":"Standard_nd96isr_h100_v5"}"#, "Standard_ND96isr_H100_v5"),
    ("Nvidia Tesla A100 80GB GPU running in EMEA", "Nvidia Tesla A100 80GB GPU"),
    ("Nvidia Tesla A100 GPU running in EMEA", "Nvidia Tesla A100 GPU"),
    ("$2.1 per On Demand Linux g5.12xlarge Instance Hour", "g5.12xlarge"),
  ])
  func findsInstanceTypesInFreeText(text: String, instance: String) {
    let found = AIClassifier.standard().accelerators.lookup([text])
    #expect(found?.instanceType == instance)
  }

  /// Past its limit the classifier forgets its answers instead of growing, and still answers
  /// correctly afterwards.
  @Test func theAnswerCacheIsBounded() {
    let classifier = AIClassifier.standard()
    for index in 0...AIClassifier.cacheLimit {
      let result = classifier.classify(
        column: { $0 == .serviceName ? "svc-\(index)" : nil },
        extras: nil
      )
      #expect(result.category == nil)
    }
    let bedrock = classifier.classify(
      column: { $0 == .serviceName ? "Amazon Bedrock" : nil },
      extras: nil
    )
    #expect(bedrock.category == .genaiAPI)
  }

  @Test(arguments: ["g5.xlargeish", "xg5.xlarge", "p5", "A100", "Nvidia GPU running"])
  func ignoresTextThatOnlyResemblesAnInstanceType(text: String) {
    #expect(AIClassifier.standard().accelerators.lookup([text]) == nil)
  }
}

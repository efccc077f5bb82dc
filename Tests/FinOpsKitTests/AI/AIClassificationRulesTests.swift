import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// One charge as the rules see it, and the category and rule it must get.
struct ClassificationCase: CustomTestStringConvertible, Sendable {
  var name: String
  var columns: [ChargeColumn: String]
  var extras: String?
  var category: AICategory?
  var rule: String?
  var accelerators: Double?
  var model: String?

  var testDescription: String { name }

  init(
    _ name: String,
    _ columns: [ChargeColumn: String],
    extras: String? = nil,
    _ category: AICategory?,
    rule: String? = nil,
    accelerators: Double? = nil,
    model: String? = nil
  ) {
    self.name = name
    self.columns = columns
    self.extras = extras
    self.category = category
    self.rule = rule
    self.accelerators = accelerators
    self.model = model
  }
}

struct AIClassificationRulesTests {
  /// One row per rule family, with real-looking names (sources in ai-billing.md section 3).
  static let families: [ClassificationCase] = [
    .init(
      "OpenAI direct",
      [.providerName: "OpenAI", .serviceName: "OpenAI API"],
      .genaiAPI,
      rule: "ai-provider-direct"
    ),
    .init(
      "Anthropic direct",
      [.providerName: "Anthropic", .serviceName: "Claude API"],
      .genaiAPI,
      rule: "ai-provider-direct"
    ),
    .init(
      "Bedrock (FOCUS)",
      [
        .providerName: "AWS", .serviceName: "Amazon Bedrock",
        .chargeDescription: "USE1-Claude4.6Sonnet-input-tokens",
      ],
      .genaiAPI,
      rule: "aws-bedrock"
    ),
    .init(
      "Bedrock marketplace edition",
      [
        .providerName: "AWS", .serviceName: "Claude 3 Haiku (Amazon Bedrock Edition)",
        .chargeDescription: "USW2-MP:USW2_InputTokenCount-Units",
      ],
      .genaiAPI,
      rule: "aws-bedrock"
    ),
    .init(
      "Anthropic through AWS Marketplace",
      [.providerName: "AWS", .serviceName: "Claude Enterprise", .publisherName: "Anthropic, PBC"],
      .genaiAPI,
      rule: "aws-marketplace-model"
    ),
    .init(
      "SageMaker training on a GPU instance",
      [
        .providerName: "AWS", .serviceName: "Amazon SageMaker",
        .chargeDescription: "USE1-Train:ml.p4d.24xlarge", .consumedUnit: "Hrs",
      ],
      .mlPlatform,
      rule: "aws-sagemaker",
      accelerators: 8,
      model: "NVIDIA A100 40GB"
    ),
    .init(
      "SageMaker notebook on a CPU instance",
      [
        .providerName: "AWS", .serviceName: "Amazon SageMaker",
        .chargeDescription: "USE1-Notebk:ml.t3.medium",
      ],
      .mlPlatform,
      rule: "aws-sagemaker"
    ),
    .init(
      "Rekognition",
      [.providerName: "AWS", .serviceName: "Amazon Rekognition"],
      .aiService,
      rule: "aws-ai-services"
    ),
    .init(
      "EC2 g5 in a FOCUS description",
      [
        .providerName: "AWS", .serviceName: "Amazon Elastic Compute Cloud",
        .chargeDescription: "$1.624 per On Demand Linux g5.4xlarge Instance Hour",
      ],
      .gpuCompute,
      rule: "aws-gpu-instance",
      accelerators: 1,
      model: "NVIDIA A10G"
    ),
    .init(
      "EC2 p5 in a CUR usage type",
      [.providerName: "AWS", .serviceName: "AmazonEC2"],
      extras: #"{"line_item_usage_type":"USE1-BoxUsage:p5.48xlarge"}"#,
      .gpuCompute,
      rule: "aws-gpu-instance",
      accelerators: 8,
      model: "NVIDIA H100"
    ),
    .init(
      "EC2 trn1 in product_instance_type",
      [.providerName: "AWS", .serviceName: "Amazon Elastic Compute Cloud"],
      extras: #"{"product_instance_type":"trn1.32xlarge"}"#,
      .gpuCompute,
      rule: "aws-gpu-instance",
      accelerators: 16,
      model: "AWS Trainium"
    ),
    .init(
      "EC2 inf2 spot",
      [
        .providerName: "AWS", .serviceName: "Amazon Elastic Compute Cloud",
        .skuMeter: "SpotUsage:inf2.xlarge",
      ],
      .gpuCompute,
      rule: "aws-gpu-instance",
      accelerators: 1,
      model: "AWS Inferentia2"
    ),
    .init(
      "EC2 GPU family not in the table",
      [
        .providerName: "AWS", .serviceName: "Amazon Elastic Compute Cloud",
        .chargeDescription: "$9.99 per On Demand Linux p6e-newthing.96xlarge Instance Hour",
      ],
      .gpuCompute,
      rule: "aws-gpu-instance"
    ),
    .init(
      "Azure OpenAI meter (Foundry Models)",
      [
        .providerName: "Microsoft", .serviceName: "Foundry Models",
        .chargeDescription: "gpt 4o 0513 Input global Tokens",
      ],
      .genaiAPI,
      rule: "azure-openai"
    ),
    .init(
      "Azure OpenAI under Cognitive Services",
      [
        .providerName: "Microsoft", .serviceName: "Cognitive Services",
        .chargeDescription: "o4-mini 0416 Inp glbl Tokens",
      ],
      .genaiAPI,
      rule: "azure-openai"
    ),
    .init(
      "Azure OpenAI subcategory in FOCUS extras",
      [
        .providerName: "Microsoft", .serviceName: "Azure AI Services",
        .chargeDescription: "Standard",
      ],
      extras: #"{"x_SkuMeterSubcategory":"Azure OpenAI GPT5"}"#,
      .genaiAPI,
      rule: "azure-openai"
    ),
    .init(
      "Azure Speech is an AI service, not a model",
      [
        .providerName: "Microsoft", .serviceName: "Cognitive Services",
        .chargeDescription: "S1 Speech To Text",
      ],
      .aiService,
      rule: "azure-ai-services"
    ),
    .init(
      "Claude on Azure Marketplace",
      [
        .providerName: "Microsoft", .serviceName: "SaaS",
        .chargeDescription: "claude-sonnet-4-5-6a1f0c2e",
      ],
      .genaiAPI,
      rule: "azure-marketplace-model"
    ),
    .init(
      "Azure Machine Learning workspace disk",
      [
        .providerName: "Microsoft", .serviceName: "Azure Machine Learning",
        .chargeDescription: "Premium SSD Managed Disks - P6 LRS - US East 2",
      ],
      .mlPlatform,
      rule: "azure-machine-learning"
    ),
    .init(
      "Azure NC A100 VM by meter",
      [
        .providerName: "Microsoft", .serviceName: "Virtual Machines",
        .chargeDescription: "Virtual Machines NCadsA100v4 Series - NC24ads A100 v4 - US East",
      ],
      .gpuCompute,
      rule: "azure-gpu-vm",
      accelerators: 1,
      model: "NVIDIA A100 80GB"
    ),
    .init(
      "Azure ND H100 VM by ARM SKU",
      [
        .providerName: "Microsoft", .serviceName: "Virtual Machines", .chargeDescription: "Compute",
      ],
      extras: #"{"x_SkuDetails":"{\"ServiceType\":\"Standard_ND96isr_H100_v5\"}"}"#,
      .gpuCompute,
      rule: "azure-gpu-vm",
      accelerators: 8,
      model: "NVIDIA H100"
    ),
    .init(
      "Azure NV partial A10",
      [
        .providerName: "Microsoft", .serviceName: "Virtual Machines",
        .skuMeter: "NV6ads A10 v5",
      ],
      .gpuCompute,
      rule: "azure-gpu-vm",
      accelerators: 1.0 / 6,
      model: "NVIDIA A10"
    ),
    .init(
      "Gemini token SKU on Vertex AI",
      [
        .providerName: "Google Cloud", .serviceName: "Vertex AI",
        .chargeDescription: "Gemini 2.5 Pro Text Input (<= 200k)",
      ],
      .genaiAPI,
      rule: "gcp-gemini"
    ),
    .init(
      "Vertex AI training",
      [
        .providerName: "Google Cloud", .serviceName: "Vertex AI",
        .chargeDescription: "Custom Training: a2-highgpu-1g running in Americas",
      ],
      .mlPlatform,
      rule: "gcp-vertex-ai",
      accelerators: 1,
      model: "NVIDIA A100 40GB"
    ),
    .init(
      "Google Cloud Vision",
      [.providerName: "Google Cloud", .serviceName: "Cloud Vision API"],
      .aiService,
      rule: "gcp-ai-services"
    ),
    .init(
      "GCP H100 GPU SKU",
      [
        .providerName: "Google Cloud", .serviceName: "Compute Engine",
        .chargeDescription: "Nvidia H100 80GB GPU running in Americas",
      ],
      .gpuCompute,
      rule: "gcp-gpu",
      accelerators: 1,
      model: "NVIDIA H100 80GB"
    ),
    .init(
      "GCP A3 host core SKU",
      [
        .providerName: "Google Cloud", .serviceName: "Compute Engine",
        .chargeDescription: "A3 Instance Core running in Americas",
      ],
      .gpuCompute,
      rule: "gcp-gpu"
    ),
    .init(
      "GCP g2 machine type in extras",
      [
        .providerName: "Google Cloud", .serviceName: "Compute Engine",
        .chargeDescription: "G2 Instance Core running in EMEA",
      ],
      extras: #"{"machine_type":"g2-standard-24"}"#,
      .gpuCompute,
      rule: "gcp-gpu",
      accelerators: 2,
      model: "NVIDIA L4"
    ),
    .init(
      "Cloud TPU",
      [
        .providerName: "Google Cloud", .serviceName: "Cloud TPU",
        .chargeDescription: "TPU v5e chip running in Americas",
      ],
      extras: #"{"machine_type":"ct5lp-hightpu-4t"}"#,
      .gpuCompute,
      rule: "gcp-tpu",
      accelerators: 4,
      model: "Google TPU v5e"
    ),
    .init(
      "FOCUS AI and Machine Learning category",
      [
        .providerName: "Oracle", .serviceName: "AI Language",
        .serviceCategory: "AI and Machine Learning",
      ],
      .aiService,
      rule: "focus-ai-category"
    ),
  ]

  /// Native Azure cost details put MeterCategory, MeterSubCategory and MeterName in
  /// service_name, service_subcategory and sku_meter.
  static let azureCostDetails: [ClassificationCase] = [
    .init(
      "Azure OpenAI provisioned throughput by meter subcategory",
      [
        .providerName: "Microsoft", .serviceName: "Cognitive Services",
        .serviceSubcategory: "Azure OpenAI", .skuMeter: "Provisioned Managed Global Unit",
      ],
      .genaiAPI,
      rule: "azure-openai"
    ),
    .init(
      "NC-series by meter subcategory",
      [
        .providerName: "Microsoft", .serviceName: "Virtual Machines",
        .serviceSubcategory: "NCads A100 v4 Series", .skuMeter: "NC48ads A100 v4 Low Priority",
      ],
      .gpuCompute,
      rule: "azure-gpu-vm",
      accelerators: 2,
      model: "NVIDIA A100 80GB"
    ),
    .init(
      "FOCUS Generative AI subcategory",
      [
        .providerName: "Oracle", .serviceName: "Generative AI Agents",
        .serviceCategory: "AI and Machine Learning", .serviceSubcategory: "Generative AI",
      ],
      .genaiAPI,
      rule: "focus-generative-ai"
    ),
  ]

  @Test(arguments: families + azureCostDetails + lookAlikes)
  func classifiesWithTheBuiltInRules(_ example: ClassificationCase) {
    let result = AIClassifier.standard().classify(
      column: { example.columns[$0] },
      extras: example.extras
    )
    #expect(result.category == example.category)
    #expect(result.ruleId == example.rule)
    if let expected = example.accelerators {
      let count = result.accelerator?.count ?? 0
      #expect(abs(count - expected) < 1e-9, "accelerators \(count), wanted \(expected)")
    } else {
      #expect(result.accelerator == nil)
    }
    #expect(result.accelerator?.model == example.model)
  }

  @Test func everyBuiltInRuleHasAFamilyCase() throws {
    let covered = Set((Self.families + Self.azureCostDetails).compactMap(\.rule))
    let rules = AIClassifier.standard().rules.map(\.id)
    #expect(Set(rules).subtracting(covered).isEmpty, "rules without a case")
    #expect(Set(AICategory.allCases).isSubset(of: Set(Self.families.compactMap(\.category))))
  }

  @Test func theBuiltInFilesAreEmbeddedAndParse() throws {
    let folder = Fixtures.packageRoot.appendingPathComponent("importers/ai")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(
      BuiltinAIRules.files.map(\.name) == names,
      "BuiltinAIRules+Generated.swift is out of date. Please run 'swift run generate-builtins'."
    )
    for (name, text) in BuiltinAIRules.files {
      let onDisk = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      #expect(text + "\n" == onDisk || text == onDisk, "\(name) differs from its embedded copy")
    }
    let classifier = try AIClassifier.builtIn()
    #expect(classifier.rules.count >= 15)
    #expect(classifier.accelerators.entries.count >= 150)
  }
}

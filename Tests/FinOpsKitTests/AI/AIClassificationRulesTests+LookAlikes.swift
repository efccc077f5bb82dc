@testable import FinOpsKit

extension AIClassificationRulesTests {
  /// Names that look like AI or GPU names but are not.
  static let lookAlikes: [ClassificationCase] = [
    .init(
      "Graviton c6g is not a g family",
      [
        .providerName: "AWS",
        .serviceName: "Amazon Elastic Compute Cloud",
        .chargeDescription: "$0.068 per On Demand Linux c6g.large Instance Hour",
      ],
      nil
    ),
    .init(
      "t4g and m7gd are not GPU",
      [
        .providerName: "AWS", .serviceName: "AmazonEC2",
        .chargeDescription: "USE1-BoxUsage:t4g.micro m7gd.large",
      ],
      nil
    ),
    .init(
      "gp3 volumes are not g instances",
      [
        .providerName: "AWS", .serviceName: "AmazonEC2",
        .chargeDescription: "$0.08 per GB-month of General Purpose (gp3) provisioned storage",
      ],
      nil
    ),
    .init(
      "a GPU name outside EC2 is not an instance",
      [
        .providerName: "AWS",
        .serviceName: "Amazon Simple Storage Service",
        .chargeDescription: "backup of g5.xlarge images",
      ],
      nil
    ),
    .init(
      "SageMaker in another service's name",
      [
        .providerName: "AWS",
        .serviceName: "Amazon SageMakerish Data Tools",
      ],
      nil
    ),
    .init(
      "Amazon Simple Email Service",
      [
        .providerName: "AWS",
        .serviceName: "Amazon Simple Email Service",
      ],
      nil
    ),
    .init(
      "Azure NVMe disks are not NV VMs",
      [
        .providerName: "Microsoft",
        .serviceName: "Virtual Machines",
        .chargeDescription: "Lsv3 Series NVMe - L8s v3 - US East",
      ],
      nil
    ),
    .init(
      "Azure D-series VM",
      [
        .providerName: "Microsoft", .serviceName: "Virtual Machines",
        .chargeDescription: "Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East 2",
      ],
      nil
    ),
    .init(
      "Compute Engine E2 core",
      [
        .providerName: "Google Cloud", .serviceName: "Compute Engine",
        .chargeDescription: "E2 Instance Core running in Americas",
      ],
      nil
    ),
    .init(
      "Azure Databricks under the FOCUS AI category",
      [
        .providerName: "Microsoft",
        .serviceName: "Azure Databricks", .serviceCategory: "AI and Machine Learning",
      ],
      nil
    ),
    .init(
      "an OpenAI-named tag on an EC2 charge",
      [
        .providerName: "AWS",
        .serviceName: "Amazon Elastic Compute Cloud",
        .chargeDescription: "$0.0416 per On Demand Linux t3.medium Instance Hour",
        .tags: #"{"project":"openai-gateway"}"#,
      ],
      nil
    ),
  ]
}

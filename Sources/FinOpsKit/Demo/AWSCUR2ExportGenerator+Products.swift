/// The products the demo's CUR 2.0 delivery bills, with their public on-demand prices.
extension AWSCUR2ExportGenerator {
  /// A product line: its codes, unit and price.
  struct Product {
    var code: String
    var name: String
    var family: String
    var usageType: String
    var operation: String
    var unit: String
    var instanceType: String
    var price: Int64  // nano-units per unit, a multiple of 1,000
  }

  static let m7i = Product(
    code: "AmazonEC2",
    name: "Amazon Elastic Compute Cloud",
    family: "Compute Instance",
    usageType: "USE1-BoxUsage:m7i.4xlarge",
    operation: "RunInstances",
    unit: "Hrs",
    instanceType: "m7i.4xlarge",
    price: 806_400_000
  )
  static let c7g = Product(
    code: "AmazonEC2",
    name: "Amazon Elastic Compute Cloud",
    family: "Compute Instance",
    usageType: "USE1-BoxUsage:c7g.8xlarge",
    operation: "RunInstances",
    unit: "Hrs",
    instanceType: "c7g.8xlarge",
    price: 1_156_800_000
  )
  static let p4d = Product(
    code: "AmazonEC2",
    name: "Amazon Elastic Compute Cloud",
    family: "Compute Instance",
    usageType: "USE1-BoxUsage:p4d.24xlarge",
    operation: "RunInstances",
    unit: "Hrs",
    instanceType: "p4d.24xlarge",
    price: 32_772_600_000
  )
  static let g5 = Product(
    code: "AmazonEC2",
    name: "Amazon Elastic Compute Cloud",
    family: "Compute Instance",
    usageType: "USE1-BoxUsage:g5.12xlarge",
    operation: "RunInstances",
    unit: "Hrs",
    instanceType: "g5.12xlarge",
    price: 5_672_000_000
  )
  static let s3 = Product(
    code: "AmazonS3",
    name: "Amazon Simple Storage Service",
    family: "Storage",
    usageType: "USE1-TimedStorage-ByteHrs",
    operation: "StandardStorage",
    unit: "GB-Mo",
    instanceType: "",
    price: 23_000_000
  )
  static let rds = Product(
    code: "AmazonRDS",
    name: "Amazon Relational Database Service",
    family: "Database Instance",
    usageType: "USE1-InstanceUsage:db.r6g.2xl",
    operation: "CreateDBInstance:0016",
    unit: "Hrs",
    instanceType: "db.r6g.2xlarge",
    price: 861_000_000
  )
  static let openSearch = Product(
    code: "AmazonES",
    name: "Amazon OpenSearch Service",
    family: "Amazon OpenSearch Service Instance",
    usageType: "USE1-ESInstance:r6g.xlarge",
    operation: "ESDomain",
    unit: "Hrs",
    instanceType: "r6g.xlarge.search",
    price: 335_000_000
  )
  static let bedrockInput = Product(
    code: "AmazonBedrock",
    name: "Amazon Bedrock",
    family: "Generative AI",
    usageType: "USE1-Claude3.5Sonnet-input-tokens",
    operation: "InvokeModelInference",
    unit: "1K tokens",
    instanceType: "",
    price: 3_000_000
  )
  static let bedrockOutput = Product(
    code: "AmazonBedrock",
    name: "Amazon Bedrock",
    family: "Generative AI",
    usageType: "USE1-Claude3.5Sonnet-output-tokens",
    operation: "InvokeModelInference",
    unit: "1K tokens",
    instanceType: "",
    price: 15_000_000
  )
  static let cloudWatch = Product(
    code: "AmazonCloudWatch",
    name: "AmazonCloudWatch",
    family: "Metric",
    usageType: "USE1-CW:MetricMonitorUsage",
    operation: "MetricStorage",
    unit: "Metrics",
    instanceType: "",
    price: 300_000_000
  )
  static let transfer = Product(
    code: "AWSDataTransfer",
    name: "AWS Data Transfer",
    family: "Data Transfer",
    usageType: "USE1-DataTransfer-Out-Bytes",
    operation: "",
    unit: "GB",
    instanceType: "",
    price: 90_000_000
  )

}

import Foundation

/// Writes realistic synthetic FOCUS 1.2 CSV exports.
///
/// They hold cloud usage across services, regions and
/// accounts, with commitments, credits, tax, JSON tags, ten-decimal costs and descriptions that
/// need quoting. Used by `finops demo` and by the ingest benchmark.
public struct FOCUSExportGenerator: Sendable {
  /// The FOCUS 1.2 columns written, in order (the mandatory ones, the common conditional ones and
  /// one provider `x_` column).
  public static let columns = [
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
    "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass",
    "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart",
    "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
    "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit",
    "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceId", "InvoiceIssuerName",
    "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit",
    "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName",
    "ResourceType", "ServiceCategory", "ServiceName", "ServiceSubcategory", "SkuId",
    "SkuPriceDetails", "SkuPriceId", "SubAccountId", "SubAccountName", "Tags", "x_Operation",
  ]

  private struct Service {
    var name: String
    var category: String
    var subcategory: String
    var unit: String
    var resourceType: String
    var unitPrice: Int64  // nano-units per unit
    var operation: String
  }

  private static let services: [Service] = [
    Service(
      name: "Amazon Elastic Compute Cloud",
      category: "Compute",
      subcategory: "Virtual Machines",
      unit: "Hours",
      resourceType: "Instance",
      unitPrice: 192_000_000,
      operation: "RunInstances"
    ),
    Service(
      name: "Amazon Simple Storage Service",
      category: "Storage",
      subcategory: "Object Storage",
      unit: "GB-Mo",
      resourceType: "Bucket",
      unitPrice: 23_000_000,
      operation: "StandardStorage"
    ),
    Service(
      name: "Amazon Relational Database Service",
      category: "Databases",
      subcategory: "Relational Databases",
      unit: "Hours",
      resourceType: "DBInstance",
      unitPrice: 416_000_000,
      operation: "CreateDBInstance:0002"
    ),
    Service(
      name: "AWS Lambda",
      category: "Compute",
      subcategory: "Serverless Compute",
      unit: "Requests",
      resourceType: "Function",
      unitPrice: 200,
      operation: "Invoke"
    ),
    Service(
      name: "Amazon Bedrock",
      category: "AI and Machine Learning",
      subcategory: "Generative AI",
      unit: "1K tokens",
      resourceType: "Model",
      unitPrice: 3_000_000,
      operation: "InvokeModel"
    ),
    Service(
      name: "Amazon CloudFront",
      category: "Networking",
      subcategory: "Content Delivery",
      unit: "GB",
      resourceType: "Distribution",
      unitPrice: 85_000_000,
      operation: "DataTransfer-Out-Bytes"
    ),
    Service(
      name: "Amazon DynamoDB",
      category: "Databases",
      subcategory: "NoSQL Databases",
      unit: "ReadCapacityUnit-Hrs",
      resourceType: "Table",
      unitPrice: 130_000,
      operation: "CommittedThroughput"
    ),
    Service(
      name: "Amazon SageMaker",
      category: "AI and Machine Learning",
      subcategory: "Machine Learning",
      unit: "Hours",
      resourceType: "NotebookInstance",
      unitPrice: 1_210_000_000,
      operation: "RunInstance:ml.g5.xlarge"
    ),
  ]

  private static let regions = [
    ("us-east-1", "US East (N. Virginia)"), ("us-west-2", "US West (Oregon)"),
    ("eu-west-1", "Europe (Ireland)"), ("eu-central-1", "Europe (Frankfurt)"),
    ("ap-southeast-2", "Asia Pacific (Sydney)"),
  ]
  private static let teams = ["payments", "search", "support", "ai-lab", "platform", "data"]
  private static let environments = ["prod", "staging", "dev"]

  /// The billing month, as `year * 100 + month`.
  public var month: Int
  /// Number of sub-accounts the usage spreads over.
  public var subAccounts: Int
  /// The seed of the random sequence.
  public var seed: UInt64

  /// Creates a generator.
  /// - Parameters:
  ///   - month: The billing month (`202610`).
  ///   - subAccounts: Sub-accounts to spread usage over.
  ///   - seed: The random seed.
  public init(month: Int, subAccounts: Int = 12, seed: UInt64 = 42) {
    self.month = month
    self.subAccounts = subAccounts
    self.seed = seed
  }

  /// Writes `rows` charges to a CSV file.
  /// - Parameters:
  ///   - rows: The number of data rows.
  ///   - path: The file to create or overwrite.
  /// - Returns: The exact sum of BilledCost written, in units of 10^-10 (the file's precision).
  /// - Throws: An error if the file cannot be written.
  @discardableResult
  public func write(rows: Int, to path: String) throws -> Int128 {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    defer { try? handle.close() }
    var random = SeededGenerator(seed: seed)
    var buffer = ""
    buffer.reserveCapacity(1 << 21)
    buffer += Self.columns.joined(separator: ",") + "\n"
    var total: Int128 = 0
    let year = month / 100
    let monthNumber = month % 100
    let periodStart =
      Int64(Timestamp.daysSinceEpoch(year: year, month: monthNumber, day: 1)) * 86_400
    let days = Timestamp.daysInMonth(year: year, month: monthNumber)
    let periodEnd = periodStart + Int64(days) * 86_400
    let start = Timestamp.iso8601(periodStart)
    let end = Timestamp.iso8601(periodEnd)
    let invoice = "INV-\(month)-0001"
    var fields = [String](repeating: "", count: Self.columns.count)
    for row in 0..<rows {
      let serviceIndex = Int(random.next() % UInt64(Self.services.count))
      let service = Self.services[serviceIndex]
      let region = Self.regions[Int(random.next() % UInt64(Self.regions.count))]
      let account = Int(random.next() % UInt64(subAccounts))
      let team = Self.teams[account % Self.teams.count]
      let environment = Self.environments[Int(random.next() % 3)]
      let hour = Int64(random.next() % UInt64(days * 24))
      let chargeStart = periodStart + hour * 3600
      let kind = random.next() % 1000
      let quantityMicros = Int64(random.next() % 5_000_000_000) + 1
      // Cost = quantity x unit price, carried to 10 decimal places as exports do.
      var listCost = Int128(quantityMicros) * Int128(service.unitPrice) / 100_000
      var category = "Usage"
      var chargeClass = ""
      var frequency = "Usage-Based"
      var commitment = ""
      var effective = listCost
      if kind < 3 {
        category = "Tax"
        frequency = "One-Time"
        listCost /= 10
        effective = listCost
      } else if kind < 6 {
        category = "Credit"
        frequency = "One-Time"
        listCost = -listCost / 4
        effective = listCost
      } else if kind < 8 {
        category = "Adjustment"
        chargeClass = "Correction"
        listCost = -listCost / 20
        effective = listCost
      } else if kind < 250 && service.category == "Compute" {
        commitment = "arn:aws:savingsplans::999999999999:savingsplan/sp-\(account)"
        effective = listCost * 72 / 100
      }
      let billed = commitment.isEmpty ? listCost : 0
      total += billed
      let quantity = ScaledDecimal.format(quantityMicros, scale: 6)
      let price = unitPrice(service.unitPrice)
      let sku = "SKU\(1000 + serviceIndex * 7)\(region.0.count)"
      let accountId = "10000000\(1000 + account)"
      fields[0] = region.0 + "a"
      fields[1] = decimal10(billed)
      fields[2] = "999999999999"
      fields[3] = "Example Corp"
      fields[4] = "USD"
      fields[5] = end
      fields[6] = start
      fields[7] = category
      fields[8] = chargeClass
      fields[9] = "\(service.name), \(service.unit) in \(region.0)"
      fields[10] = frequency
      fields[11] = Timestamp.iso8601(chargeStart + 3600)
      fields[12] = Timestamp.iso8601(chargeStart)
      fields[13] = commitment.isEmpty ? "" : "Spend"
      fields[14] = commitment
      fields[15] = commitment.isEmpty ? "" : "Compute SP \(account)"
      fields[16] = commitment.isEmpty ? "" : "Used"
      fields[17] = commitment.isEmpty ? "" : "Savings Plan"
      fields[18] = quantity
      fields[19] = service.unit
      fields[20] = decimal10(listCost)
      fields[21] = price
      fields[22] = decimal10(effective)
      fields[23] = invoice
      fields[24] = "Amazon Web Services, Inc."
      fields[25] = decimal10(listCost)
      fields[26] = price
      fields[27] = commitment.isEmpty ? "Standard" : "Committed"
      fields[28] = quantity
      fields[29] = service.unit
      fields[30] = "AWS"
      fields[31] = "Amazon Web Services, Inc."
      fields[32] = region.0
      fields[33] = region.1
      fields[34] =
        "arn:aws:\(service.resourceType.lowercased()):\(region.0):\(accountId):"
        + "\(team)-\(environment)-\(random.next() % 5000)"
      fields[35] = "\(team)-\(environment)-\(row % 5000)"
      fields[36] = service.resourceType
      fields[37] = service.category
      fields[38] = service.name
      fields[39] = service.subcategory
      fields[40] = sku
      fields[41] = "{\"UnitPrice\": \(price)}"
      fields[42] = sku + ".RATE"
      fields[43] = accountId
      fields[44] = "\(team)-\(environment)"
      fields[45] =
        "{\"team\": \"\(team)\", \"env\": \"\(environment)\", \"cost-center\": \"CC-\(100 + account)\"}"
      fields[46] = service.operation
      for (index, field) in fields.enumerated() {
        if index > 0 { buffer += "," }
        if field.contains(where: { $0 == "," || $0 == "\"" }) {
          buffer += "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        } else {
          buffer += field
        }
      }
      buffer += "\n"
      if buffer.utf8.count >= 1 << 20 {
        handle.write(Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
      }
    }
    handle.write(Data(buffer.utf8))
    return total
  }

  /// Formats a value held at 10 decimal places.
  private func decimal10(_ value: Int128) -> String {
    let negative = value < 0
    let magnitude = value.magnitude
    let whole = magnitude / 10_000_000_000
    let fraction = String(magnitude % 10_000_000_000)
    return (negative ? "-" : "") + "\(whole)."
      + String(repeating: "0", count: 10 - fraction.count) + fraction
  }

  private func unitPrice(_ nanos: Int64) -> String {
    ScaledDecimal.format(nanos, scale: 9, minimumFractionDigits: 1)
  }
}

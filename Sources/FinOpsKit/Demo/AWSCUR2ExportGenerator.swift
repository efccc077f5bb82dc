import Foundation

/// Writes a realistic synthetic AWS CUR 2.0 (Data Exports) delivery for one month: two CSV
/// parts under `data/BILLING_PERIOD=YYYY-MM/` and a manifest under
/// `metadata/BILLING_PERIOD=YYYY-MM/`, as AWS lays them out in S3.
///
/// Daily usage per member account of the demo's teams (payments, search, support, ai-lab,
/// platform, plus untagged data transfer): EC2 instances, S3, RDS, OpenSearch, CloudWatch,
/// Amazon Bedrock tokens (some tagged `pilot: support-copilot`), p4d and g5 GPU instances. A
/// Compute Savings Plan covers the payments instances (covered usage, negations and the
/// monthly recurring fee with its unused commitment), each account pays tax, and September
/// carries a promotional credit. Tags are in the `resource_tags` map (`user_team`).
public struct AWSCUR2ExportGenerator: Sendable {
  /// The CUR 2.0 columns written, in the order of the export.
  public static let columns = [
    "bill_bill_type", "bill_billing_entity", "bill_billing_period_end_date",
    "bill_billing_period_start_date", "bill_invoice_id", "bill_invoicing_entity",
    "bill_payer_account_id", "bill_payer_account_name", "identity_line_item_id",
    "line_item_currency_code", "line_item_line_item_description", "line_item_line_item_type",
    "line_item_operation", "line_item_product_code", "line_item_resource_id",
    "line_item_unblended_cost", "line_item_unblended_rate", "line_item_usage_account_id",
    "line_item_usage_account_name", "line_item_usage_amount", "line_item_usage_end_date",
    "line_item_usage_start_date", "line_item_usage_type", "pricing_public_on_demand_cost",
    "pricing_unit", "product", "product_instance_type", "product_product_family",
    "product_region_code", "resource_tags", "savings_plan_savings_plan_a_r_n",
    "savings_plan_savings_plan_effective_cost", "savings_plan_total_commitment_to_date",
    "savings_plan_used_commitment",
  ]

  static let payer = "210987654321"
  static let savingsPlan = "arn:aws:savingsplans::210987654321:savingsplan/7d1e-demo-compute"
  /// The Savings Plan's hourly commitment, in nano-units.
  static let hourlyCommitment: Int64 = 2_500_000_000
  static let accounts = [
    "payments": "222233334444", "search": "333344445555", "support": "555566667777",
    "ai-lab": "444455556666", "platform": "666677778888",
  ]

  /// A team's member account (the payer for an unknown team).
  static func account(_ team: String) -> String { accounts[team] ?? payer }

  /// The billing month, as `year * 100 + month`.
  public var month: Int
  /// The seed of the random sequence.
  public var seed: UInt64

  /// Creates a generator.
  /// - Parameters:
  ///   - month: The billing month (`202609`).
  ///   - seed: The random seed; the same seed and month give the same files.
  public init(month: Int, seed: UInt64 = 31) {
    self.month = month
    self.seed = seed
  }

  /// Writes the month's parts and manifest under an export folder.
  /// - Parameter folder: The export's folder (`exports/aws-cur2`).
  /// - Returns: The paths of the parts and the manifest, and the billed (unblended) total in
  ///   nano-units.
  /// - Throws: An error if a file cannot be written.
  @discardableResult
  public func write(to folder: String) throws -> (parts: [String], manifest: String, billed: Int128)
  {
    let period = String(format: "%04d-%02d", month / 100, month % 100)
    let dataFolder = (folder as NSString).appendingPathComponent("data/BILLING_PERIOD=\(period)")
    let metadataFolder = (folder as NSString)
      .appendingPathComponent("metadata/BILLING_PERIOD=\(period)")
    for path in [dataFolder, metadataFolder] {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    let rows = lineItems()
    var parts: [String] = []
    var billed: Int128 = 0
    for part in 0..<2 {
      let name = String(format: "northwind-cur2-%05d.csv", part + 1)
      var text = Self.columns.joined(separator: ",") + "\n"
      for (index, row) in rows.enumerated() where index % 2 == part {
        text += row.map(Self.csvField).joined(separator: ",") + "\n"
      }
      let path = (dataFolder as NSString).appendingPathComponent(name)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      parts.append(path)
    }
    for row in rows { billed += Int128(Self.nanos(row[15])) }
    let keys = parts.map {
      "\"s3://northwind-billing/exports/aws-cur2/data/BILLING_PERIOD=\(period)/"
        + "\(($0 as NSString).lastPathComponent)\""
    }
    let manifest = (metadataFolder as NSString).appendingPathComponent(
      "northwind-cur2-Manifest.json"
    )
    let start = String(format: "%04d%02d01T000000.000Z", month / 100, month % 100)
    try """
    {"exportName": "northwind-cur2", "billingPeriod": {"start": "\(start)"},
     "dataFiles": [\(keys.joined(separator: ", "))]}

    """.write(toFile: manifest, atomically: true, encoding: .utf8)
    return (parts, manifest, billed)
  }

  // MARK: - Line items

  private var year: Int { month / 100 }
  private var monthNumber: Int { month % 100 }
  private var days: Int { Timestamp.daysInMonth(year: year, month: monthNumber) }

  private func date(day: Int, hour: Int = 0) -> String {
    if day > days {
      let next = monthNumber == 12 ? (year + 1) * 100 + 1 : month + 1
      return String(format: "%04d-%02d-01T00:00:00Z", next / 100, next % 100)
    }
    return String(format: "%04d-%02d-%02dT%02d:00:00Z", year, monthNumber, day, hour)
  }

  /// Every line item of the month, as CSV cells in `columns` order.
  private func lineItems() -> [[String]] {
    var random = SeededGenerator(seed: seed &+ UInt64(month))
    var rows: [[String]] = []
    var usageByAccount: [String: Int128] = [:]
    var usedCommitment: Int128 = 0

    func add(
      _ product: Product,
      team: String?,
      day: Int,
      milliUnits: Int64,
      resource: String,
      tags: [String: String] = [:],
      type: String = "Usage",
      effective: Int64? = nil
    ) {
      let account = team.flatMap { Self.accounts[$0] } ?? Self.account("platform")
      let cost = milliUnits * (product.price / 1_000)
      var allTags = tags
      if let team { allTags["user_team"] = team }
      rows.append(
        row(
          product: product,
          account: account,
          day: day,
          type: type,
          cost: cost,
          quantity: milliUnits,
          resource: resource,
          tags: allTags,
          effective: effective
        )
      )
      usageByAccount[account, default: 0] += Int128(cost)
    }

    for day in 1...days {
      // Payments: four instances covered by the Savings Plan at 72% of the on-demand rate.
      for instance in 1...4 {
        let cost = 24_000 * (Self.m7i.price / 1_000)
        let effective = cost / 100 * 72
        usedCommitment += Int128(effective)
        add(
          Self.m7i,
          team: "payments",
          day: day,
          milliUnits: 24_000,
          resource: "i-0pay00000000000\(instance)",
          type: "SavingsPlanCoveredUsage",
          effective: effective
        )
        rows.append(
          row(
            product: Self.m7i,
            account: Self.account("payments"),
            day: day,
            type: "SavingsPlanNegation",
            cost: -cost,
            quantity: nil,
            resource: "i-0pay00000000000\(instance)",
            tags: ["user_team": "payments"],
            effective: nil
          )
        )
        usageByAccount[Self.account("payments"), default: 0] -= Int128(cost)
      }
      add(Self.rds, team: "payments", day: day, milliUnits: 48_000, resource: "payments-ledger")
      add(
        Self.s3,
        team: "payments",
        day: day,
        milliUnits: Int64.random(in: 380_000...420_000, using: &random),
        resource: "payments-archive"
      )
      // Search.
      add(
        Self.c7g,
        team: "search",
        day: day,
        milliUnits: Int64.random(in: 60_000...96_000, using: &random),
        resource: "i-0search0000000001"
      )
      add(Self.openSearch, team: "search", day: day, milliUnits: 72_000, resource: "search-prod")
      // Support: Bedrock for the Support Copilot pilot, and some untagged by pilot.
      let pilot = ["user_pilot": "support-copilot"]
      add(
        Self.bedrockInput,
        team: "support",
        day: day,
        milliUnits: Int64.random(in: 2_000_000...4_000_000, using: &random),
        resource: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet",
        tags: pilot
      )
      add(
        Self.bedrockOutput,
        team: "support",
        day: day,
        milliUnits: Int64.random(in: 400_000...900_000, using: &random),
        resource: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet",
        tags: pilot
      )
      add(
        Self.bedrockInput,
        team: "support",
        day: day,
        milliUnits: Int64.random(in: 200_000...500_000, using: &random),
        resource: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet"
      )
      // AI lab: a g5 every day, a p4d training run on some days.
      add(Self.g5, team: "ai-lab", day: day, milliUnits: 24_000, resource: "i-0ailab00000000g5")
      if day % 5 == 0 {
        add(
          Self.p4d,
          team: "ai-lab",
          day: day,
          milliUnits: Int64.random(in: 4_000...12_000, using: &random),
          resource: "i-0ailab0000000p4d",
          tags: ["aws_createdBy": "AssumedRole:AROADEMO:trainer"]
        )
      }
      // Platform, and data transfer nobody tagged.
      add(Self.cloudWatch, team: "platform", day: day, milliUnits: 40_000, resource: "")
      add(
        Self.transfer,
        team: nil,
        day: day,
        milliUnits: Int64.random(in: 150_000...400_000, using: &random),
        resource: ""
      )
    }
    // The Savings Plan's monthly fee: billed in full, only the unused part is its own cost.
    let commitment = Int128(Self.hourlyCommitment) * Int128(24 * days)
    var fee = row(
      product: Self.m7i,
      account: Self.payer,
      day: 1,
      type: "SavingsPlanRecurringFee",
      cost: Int64(commitment),
      quantity: Int64(24 * days) * 1_000,
      resource: "",
      tags: [:],
      effective: nil
    )
    fee[10] = "1 year No Upfront Compute Savings Plan"
    fee[12] = ""
    fee[20] = date(day: days + 1)
    fee[22] = "ComputeSP:1yrNoUpfront"
    fee[32] = Self.decimal(Int64(commitment))
    fee[33] = Self.decimal(Int64(min(usedCommitment, commitment)))
    rows.append(fee)
    // September's promotional credit for the AI lab.
    if monthNumber == 9 {
      var credit = row(
        product: Self.g5,
        account: Self.account("ai-lab"),
        day: 1,
        type: "Credit",
        cost: -250_000_000_000,
        quantity: nil,
        resource: "",
        tags: [:],
        effective: nil
      )
      credit[10] = "AWS Credits, Promotional credit for generative AI experiments"
      credit[20] = date(day: days + 1)
      rows.append(credit)
      usageByAccount[Self.account("ai-lab"), default: 0] -= 250_000_000_000
    }
    // Tax: 8% of each account's usage, to the cent.
    for account in Self.accounts.values.sorted() {
      let base = usageByAccount[account] ?? 0
      let tax = Int64(ScaledDecimal.round(base * 8 / 100, scale: 9, places: 2))
      var line = row(
        product: Self.transfer,
        account: account,
        day: 1,
        type: "Tax",
        cost: tax,
        quantity: 1_000,
        resource: "",
        tags: [:],
        effective: nil
      )
      line[10] = "Tax for the usage of account \(account)"
      line[12] = ""
      line[13] = "AWS"
      line[20] = date(day: days + 1)
      line[22] = ""
      line[25] = "{}"
      rows.append(line)
    }
    for index in rows.indices {
      rows[index][8] = String(format: "demo%06d%04d", month, index + 1)
    }
    return rows
  }

  private func row(
    product: Product,
    account: String,
    day: Int,
    type: String,
    cost: Int64,
    quantity: Int64?,
    resource: String,
    tags: [String: String],
    effective: Int64?
  ) -> [String] {
    let team = Self.accounts.first { $0.value == account }?.key ?? "payer"
    let isUsage = type == "Usage" || type == "SavingsPlanCoveredUsage"
    let tagJSON =
      tags.isEmpty
      ? ""
      : "{"
        + tags.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(
          separator: ","
        ) + "}"
    return [
      "Anniversary", "AWS", date(day: days + 1), date(day: 1),
      String(format: "INV-NW-%06d", month), "Amazon Web Services, Inc.", Self.payer,
      "Northwind Payer", "",
      "USD",
      isUsage
        ? "USD \(Self.decimal(product.price)) per \(product.unit) of \(product.usageType)"
        : "\(type) for \(product.usageType)",
      type, product.operation, product.code, resource, Self.decimal(cost),
      isUsage ? Self.decimal(product.price) : "", account, "\(team)-prod",
      quantity.map(Self.quantity) ?? "", date(day: day + 1), date(day: day), product.usageType,
      isUsage ? Self.decimal(cost) : "", product.unit,
      "{\"product_name\":\"\(product.name)\",\"region\":\"us-east-1\"}",
      product.instanceType, product.family, "us-east-1", tagJSON,
      type.hasPrefix("SavingsPlan") ? Self.savingsPlan : "",
      effective.map(Self.decimal) ?? "", "", "",
    ]
  }

  private static func decimal(_ nanos: Int64) -> String {
    ScaledDecimal.format(Int128(nanos), scale: 9, minimumFractionDigits: 2)
  }

  private static func quantity(_ milli: Int64) -> String {
    ScaledDecimal.format(Int128(milli), scale: 3, minimumFractionDigits: 1)
  }

  private static func nanos(_ text: String) -> Int64 {
    var copy = text
    return copy.withUTF8 { (try? ScaledDecimal.parse($0, scale: 9)) ?? 0 }
  }

  private static func csvField(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

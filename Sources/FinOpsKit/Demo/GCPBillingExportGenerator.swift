import Foundation

/// Writes realistic synthetic Google Cloud Billing exports: one month of the BigQuery standard
/// usage cost table as JSON Lines.
///
/// The rows spread over the demo's team projects (labelled `team=...`, with some row labels
/// overriding the project's and one project without labels), with Compute Engine cores under
/// sustained-use and committed-use discount credits, a daily commitment fee, A3 GPU and TPU
/// hours, Vertex AI Gemini tokens with a promotion, storage, BigQuery and Cloud Run, then a tax
/// row per project and a goodwill adjustment. Money is written exactly, as JSON numbers or (like
/// BigQuery's NUMERIC) as strings. Deterministic for a given seed.
public struct GCPBillingExportGenerator: Sendable {
  /// The demo's billing account.
  public static let billingAccountId = "01A2B3-C4D5E6-F7A8B9"

  private struct SKU {
    var serviceId: String
    var service: String
    var skuId: String
    var sku: String
    var usageUnit: String
    var pricingUnit: String
    /// Usage units per pricing unit.
    var usagePerPricingUnit: Int64
    /// Nano-units per pricing unit.
    var price: Int64
    /// Largest quantity of pricing units in one row, in millionths.
    var maximumMicros: UInt64
    var sustainedUse: Bool
  }

  private static let skus: [SKU] = [
    SKU(
      serviceId: "6F81-5844-456A",
      service: "Compute Engine",
      skuId: "CF4E-A0C7-E3BF",
      sku: "N2 Instance Core running in Americas",
      usageUnit: "seconds",
      pricingUnit: "hour",
      usagePerPricingUnit: 3600,
      price: 31_611_000,
      maximumMicros: 64_000_000,
      sustainedUse: true
    ),
    SKU(
      serviceId: "6F81-5844-456A",
      service: "Compute Engine",
      skuId: "F449-33EC-A5EF",
      sku: "N2 Instance Ram running in Americas",
      usageUnit: "byte-seconds",
      pricingUnit: "gibibyte hour",
      usagePerPricingUnit: 3_865_470_566_400,
      price: 4_237_000,
      maximumMicros: 256_000_000,
      sustainedUse: true
    ),
    SKU(
      serviceId: "6F81-5844-456A",
      service: "Compute Engine",
      skuId: "8A41-7BCD-9E21",
      sku: "Nvidia H100 80GB GPU running in Americas",
      usageUnit: "seconds",
      pricingUnit: "hour",
      usagePerPricingUnit: 3600,
      price: 11_060_000_000,
      maximumMicros: 8_000_000,
      sustainedUse: false
    ),
    SKU(
      serviceId: "E000-3F24-B8AA",
      service: "Cloud TPU",
      skuId: "1F0E-44C2-93A7",
      sku: "TPU v5e Device Hours running in Americas",
      usageUnit: "seconds",
      pricingUnit: "hour",
      usagePerPricingUnit: 3600,
      price: 1_200_000_000,
      maximumMicros: 16_000_000,
      sustainedUse: false
    ),
    SKU(
      serviceId: "C7E2-9256-1C43",
      service: "Vertex AI",
      skuId: "A121-E2B5-1418",
      sku: "Gemini 2.5 Pro Text Input - Predictions",
      usageUnit: "count",
      pricingUnit: "count",
      usagePerPricingUnit: 1,
      price: 1_250,
      maximumMicros: 40_000_000_000_000,
      sustainedUse: false
    ),
    SKU(
      serviceId: "C7E2-9256-1C43",
      service: "Vertex AI",
      skuId: "B3D2-61F0-7C55",
      sku: "Gemini 2.5 Flash Text Output - Predictions",
      usageUnit: "count",
      pricingUnit: "count",
      usagePerPricingUnit: 1,
      price: 2_500,
      maximumMicros: 20_000_000_000_000,
      sustainedUse: false
    ),
    SKU(
      serviceId: "95FF-2EF5-5EA1",
      service: "Cloud Storage",
      skuId: "E5F0-6A5D-7BAD",
      sku: "Standard Storage US Multi-region",
      usageUnit: "byte-seconds",
      pricingUnit: "gibibyte month",
      usagePerPricingUnit: 2_843_080_179_712_000,
      price: 26_000_000,
      maximumMicros: 500_000_000,
      sustainedUse: false
    ),
    SKU(
      serviceId: "24E6-581D-38E5",
      service: "BigQuery",
      skuId: "3362-E469-6BEF",
      sku: "Analysis",
      usageUnit: "bytes",
      pricingUnit: "tebibyte",
      usagePerPricingUnit: 1_099_511_627_776,
      price: 6_250_000_000,
      maximumMicros: 2_000_000,
      sustainedUse: false
    ),
    SKU(
      serviceId: "152E-C115-5142",
      service: "Cloud Run",
      skuId: "BB9B-4A0A-A9E5",
      sku: "CPU Allocation Time",
      usageUnit: "seconds",
      pricingUnit: "vCPU-second",
      usagePerPricingUnit: 1,
      price: 24_000,
      maximumMicros: 90_000_000_000,
      sustainedUse: false
    ),
  ]

  /// (project id, name, project `team` label or nil, region).
  private static let projects: [(String, String, String?, String)] = [
    ("payments-prod", "Payments Prod", "payments", "us-central1"),
    ("search-prod", "Search Prod", "search", "us-east1"),
    ("support-tools", "Support Tools", "support", "europe-west1"),
    ("ai-lab-train", "AI Lab Training", "ai-lab", "us-central1"),
    ("platform-shared", "Platform Shared", "platform", "us-central1"),
    ("sandbox-misc", "Sandbox", nil, "us-west1"),
  ]

  /// The invoice month, as `year * 100 + month`.
  public var month: Int
  /// The seed of the random sequence.
  public var seed: UInt64

  /// Creates a generator.
  /// - Parameters:
  ///   - month: The invoice month (`202610`).
  ///   - seed: The random seed.
  public init(month: Int, seed: UInt64 = 7) {
    self.month = month
    self.seed = seed
  }

  /// Writes the demo's three months (2026-08 to 2026-10) into a folder.
  /// - Parameters:
  ///   - folder: The exports folder.
  ///   - rows: Usage rows per month.
  /// - Returns: The files written.
  /// - Throws: An error if a file cannot be written.
  public static func writeDemoMonths(into folder: String, rows: Int = 1_500) throws -> [String] {
    try [202608, 202609, 202610].enumerated().map { index, month in
      let path = (folder as NSString).appendingPathComponent("gcp-billing-\(month).jsonl")
      try GCPBillingExportGenerator(month: month, seed: UInt64(700 + index)).write(
        rows: rows,
        to: path
      )
      return path
    }
  }

  /// Writes `rows` usage rows, then tax and adjustment rows, as JSON Lines.
  /// - Parameters:
  ///   - rows: The number of usage rows.
  ///   - path: The file to create or overwrite.
  /// - Returns: The invoice total (`cost` plus credits over every line), in nano-units.
  /// - Throws: An error if the file cannot be written.
  @discardableResult
  public func write(rows: Int, to path: String) throws -> Int128 {
    var random = SeededGenerator(seed: seed)
    var lines: [String] = []
    var total: Int128 = 0
    var projectCost = [Int128](repeating: 0, count: Self.projects.count)
    let (year, monthOfYear) = (month / 100, month % 100)
    let monthStart =
      Int64(Timestamp.daysSinceEpoch(year: year, month: monthOfYear, day: 1)) * 86_400
    let days = Timestamp.daysInMonth(year: year, month: monthOfYear)
    for _ in 0..<rows {
      let projectIndex = Int(random.next() % UInt64(Self.projects.count))
      let sku = Self.skus[pick(&random, for: projectIndex)]
      let hour = Int64(random.next() % UInt64(days * 24))
      let micros = Int64(random.next() % sku.maximumMicros) + 1
      let cost = Int64(Int128(micros) * Int128(sku.price) / 1_000_000)
      var credits: [String] = []
      var creditTotal: Int64 = 0
      if sku.sustainedUse && random.next() % 3 == 0 {
        let amount = -cost / 5
        credits.append(credit("Sustained Usage Discount", amount, "SUSTAINED_USAGE_DISCOUNT"))
        creditTotal += amount
      } else if sku.sustainedUse && projectIndex == 4 {
        let amount = -cost * 37 / 100
        credits.append(
          credit(
            "Committed use discount: CPU",
            amount,
            "COMMITTED_USAGE_DISCOUNT",
            id: "commitment-n2-1y-platform",
            fullName: "Committed use discount: N2 CPU, 1 year"
          )
        )
        creditTotal += amount
      } else if sku.service == "Vertex AI" && random.next() % 4 == 0 {
        let amount = -cost / 2
        credits.append(credit("Vertex AI launch credit", amount, "PROMOTION", id: "promo-vertex"))
        creditTotal += amount
      }
      var labels: [(String, String)] = []
      if projectIndex == 1 && random.next() % 5 == 0 { labels.append(("team", "platform")) }
      if sku.service == "Vertex AI" && projectIndex == 2 { labels.append(("app", "copilot")) }
      let start = monthStart + hour * 3600
      lines.append(
        line(
          projectIndex: projectIndex,
          sku: sku,
          start: start,
          end: start + 3600,
          cost: cost,
          asString: random.next() % 3 == 0,
          usageMicros: micros,
          labels: labels,
          credits: credits,
          costType: "regular"
        )
      )
      projectCost[projectIndex] += Int128(cost) + Int128(creditTotal)
      total += Int128(cost) + Int128(creditTotal)
    }
    let end = monthStart + Int64(days) * 86_400
    for day in 0..<Int64(days) {
      let fee = Self.skus[0]
      var commitment = fee
      commitment.sku = "Commitment v1: N2 Cpu in Americas for 1 Year"
      commitment.skuId = "D973-5D65-BAB2"
      lines.append(
        line(
          projectIndex: 4,
          sku: commitment,
          start: monthStart + day * 86_400,
          end: monthStart + (day + 1) * 86_400,
          cost: 14_400_000_000,
          asString: false,
          usageMicros: 576_000_000,
          labels: [],
          credits: [],
          costType: "regular"
        )
      )
      projectCost[4] += 14_400_000_000
      total += 14_400_000_000
    }
    for (index, spent) in projectCost.enumerated() where spent > 0 {
      let tax = Int64(spent * 6 / 100)
      lines.append(
        line(
          projectIndex: index,
          sku: nil,
          start: monthStart,
          end: end,
          cost: tax,
          asString: true,
          usageMicros: 0,
          labels: [],
          credits: [],
          costType: "tax"
        )
      )
      total += Int128(tax)
    }
    lines.append(
      line(
        projectIndex: 1,
        sku: Self.skus[0],
        start: monthStart + 9 * 86_400,
        end: monthStart + 9 * 86_400,
        cost: -25_000_000_000,
        asString: false,
        usageMicros: 0,
        labels: [],
        credits: [],
        costType: "adjustment",
        extra: #","adjustment_info":{"id":"adj-\#(month)","description":"Goodwill credit for an "#
          + #"outage","mode":"MANUAL_ADJUSTMENT","type":"GENERAL_ADJUSTMENT"}"#
      )
    )
    total -= 25_000_000_000
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path,
      atomically: true,
      encoding: .utf8
    )
    return total
  }

  /// Chooses a SKU that fits the project (the AI lab trains on GPUs and TPUs).
  private func pick(_ random: inout SeededGenerator, for project: Int) -> Int {
    if project == 3 && random.next() % 2 == 0 { return 2 + Int(random.next() % 4) }
    let general = [0, 1, 6, 7, 8, 0, 1, 4, 5]
    return general[Int(random.next() % UInt64(general.count))]
  }

  private func credit(
    _ name: String,
    _ amount: Int64,
    _ type: String,
    id: String = "",
    fullName: String? = nil
  ) -> String {
    "{\"name\":\(JSONText.quoted(name)),\"amount\":\(money(amount)),\"full_name\":"
      + (fullName.map(JSONText.quoted) ?? "null")
      + ",\"id\":\(JSONText.quoted(id)),\"type\":\(JSONText.quoted(type))}"
  }

  private func money(_ nanos: Int64) -> String { ScaledDecimal.format(nanos, scale: 9) }

  private func time(_ seconds: Int64) -> String {
    let iso = Timestamp.iso8601(seconds)
    return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8)) + " UTC"
  }

  private func line(
    projectIndex: Int,
    sku: SKU?,
    start: Int64,
    end: Int64,
    cost: Int64,
    asString: Bool,
    usageMicros: Int64,
    labels: [(String, String)],
    credits: [String],
    costType: String,
    extra: String = ""
  ) -> String {
    let (projectId, projectName, team, region) = Self.projects[projectIndex]
    let projectLabels = team.map { "[{\"key\":\"team\",\"value\":\"\($0)\"}]" } ?? "[]"
    let service =
      sku.map { "{\"id\":\"\($0.serviceId)\",\"description\":\"\($0.service)\"}" }
      ?? #"{"id":"","description":"Invoice"}"#
    let skuText =
      sku.map { "{\"id\":\"\($0.skuId)\",\"description\":\"\($0.sku)\"}" }
      ?? #"{"id":"","description":"Tax"}"#
    let usage: String
    if let sku, costType == "regular" {
      let amount = Int128(usageMicros) * Int128(sku.usagePerPricingUnit) / 1_000_000
      usage =
        "{\"amount\":\"\(amount)\",\"unit\":\"\(sku.usageUnit)\",\"amount_in_pricing_units\":"
        + "\(ScaledDecimal.format(usageMicros, scale: 6)),\"pricing_unit\":\"\(sku.pricingUnit)\"}"
    } else {
      usage = #"{"amount":0,"unit":"","amount_in_pricing_units":0,"pricing_unit":""}"#
    }
    let country = region.hasPrefix("europe") ? "BE" : "US"
    let costText = asString ? "\"\(money(cost))\"" : money(cost)
    let labelText =
      "[" + labels.map { "{\"key\":\"\($0.0)\",\"value\":\"\($0.1)\"}" }.joined(separator: ",")
      + "]"
    return "{\"billing_account_id\":\"\(Self.billingAccountId)\",\"service\":\(service),"
      + "\"sku\":\(skuText),\"usage_start_time\":\"\(time(start))\","
      + "\"usage_end_time\":\"\(time(end))\",\"project\":{\"id\":\"\(projectId)\","
      + "\"name\":\"\(projectName)\",\"labels\":\(projectLabels)},\"labels\":\(labelText),"
      + "\"location\":{\"location\":\"\(region)\",\"country\":\"\(country)\","
      + "\"region\":\"\(region)\"},"
      + "\"cost\":\(costText),\"currency\":\"USD\",\"currency_conversion_rate\":1,"
      + "\"usage\":\(usage),\"credits\":[\(credits.joined(separator: ","))],"
      + "\"invoice\":{\"month\":\"\(month)\"},\"cost_type\":\"\(costType)\"\(extra)}"
  }
}

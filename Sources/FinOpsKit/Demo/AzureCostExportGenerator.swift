import Foundation

/// Writes realistic synthetic Azure cost details exports (Microsoft Customer Agreement schema),
/// in both views of a month: actual cost and amortized cost.
///
/// Usage is daily per subscription for the demo's teams (payments, search, support, ai-lab,
/// platform, and some untagged shared usage), with Azure OpenAI tokens for the Support Copilot
/// pilot and the AI lab, an NC-series A100 GPU virtual machine, and a monthly-paid reservation
/// covering one of the payments VMs. There is no tax (Azure cost details carry none). Dates are
/// `MM/DD/YYYY` and tags are in Azure's brace-less form, as real exports write them.
///
/// The reservation's monthly payment equals its hourly rate over the month, so both views of a
/// month have the same total; the actual view holds the payment, the amortized view the used and
/// unused hours.
public struct AzureCostExportGenerator: Sendable {
  /// Which of the two datasets to write.
  public enum View: String, Sendable, CaseIterable {
    /// Actual cost: the invoice view.
    case actual
    /// Amortized cost: commitments spread over the usage they cover.
    case amortized
  }

  /// The MCA cost details columns written, in order.
  public static let columns = [
    "invoiceId", "billingAccountId", "billingAccountName", "billingProfileId",
    "billingProfileName", "invoiceSectionName", "billingPeriodStartDate", "billingPeriodEndDate",
    "date", "serviceFamily", "consumedService", "meterId", "meterName", "meterCategory",
    "meterSubCategory", "meterRegion", "ProductName", "SubscriptionId", "subscriptionName",
    "resourceGroupName", "ResourceId", "resourceLocation", "effectivePrice", "quantity",
    "unitOfMeasure", "chargeType", "billingCurrency", "costInBillingCurrency",
    "paygCostInBillingCurrency", "tags", "PayGPrice", "frequency", "term", "reservationId",
    "reservationName", "pricingModel", "unitPrice", "benefitId", "benefitName", "provider",
  ]

  static let billingAccount =
    "5e1f7a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b:7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d_2019-05-31"
  static let reservationOrder = "9c8b7a65-4321-4fed-8cba-987654321000"
  /// The reservation's hourly rate, in nano-units.
  static let reservationRate: Int64 = 240_000_000

  private struct Meter {
    var family: String
    var provider: String
    var name: String
    var category: String
    var subcategory: String
    var unit: String
    var price: Int64  // nano-units per unit, at most four decimals
  }

  /// One charge: quantity in hundredths of the unit, costs in nano-units per view.
  private struct Charge {
    var day: Int
    var team: String?
    var tags: String
    var resource: String
    var meter: Meter
    var quantity: Int64
    var chargeType = "Usage"
    var pricingModel = "OnDemand"
    var actualCost: Int64?
    var amortizedCost: Int64?
  }

  /// The billing month, as `year * 100 + month`.
  public var month: Int
  /// The seed of the random sequence.
  public var seed: UInt64

  /// Creates a generator.
  /// - Parameters:
  ///   - month: The billing month (`202610`).
  ///   - seed: The random seed; the same seed and month give the same files.
  public init(month: Int, seed: UInt64 = 7) {
    self.month = month
    self.seed = seed
  }

  /// Writes one view of the month to a CSV file.
  /// - Parameters:
  ///   - view: Actual or amortized cost.
  ///   - path: The file to create or overwrite.
  /// - Returns: The exact sum of `costInBillingCurrency` written, in nano-units.
  /// - Throws: An error if the file cannot be written.
  @discardableResult
  public func write(_ view: View, to path: String) throws -> Int128 {
    let year = month / 100
    let monthNumber = month % 100
    let days = Timestamp.daysInMonth(year: year, month: monthNumber)
    let period = (usDate(1), usDate(days))
    var text = Self.columns.joined(separator: ",") + "\n"
    var total: Int128 = 0
    for charge in charges(days: days) {
      guard let cost = view == .actual ? charge.actualCost : charge.amortizedCost else { continue }
      total += Int128(cost)
      text += csvLine(row(charge, cost: cost, view: view, period: period)) + "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return total
  }

  /// The month's charges, in the order written.
  private func charges(days: Int) -> [Charge] {
    var random = SeededGenerator(seed: seed &+ UInt64(month))
    func between(_ low: Int64, _ high: Int64) -> Int64 {
      low + Int64(random.next() % UInt64(high - low + 1))
    }
    var list: [Charge] = []
    func usage(
      _ day: Int,
      _ team: String?,
      _ tags: String,
      _ resource: String,
      _ meter: Meter,
      _ quantity: Int64
    ) {
      let cost = quantity * meter.price / 100
      list.append(
        Charge(
          day: day,
          team: team,
          tags: tags,
          resource: resource,
          meter: meter,
          quantity: quantity,
          actualCost: cost,
          amortizedCost: cost
        )
      )
    }
    let reserved = Meters.d8sv5
    list.append(
      Charge(
        day: 1,
        team: nil,
        tags: "",
        resource: "reservation",
        meter: reserved,
        quantity: 100,
        chargeType: "Purchase",
        pricingModel: "Reservation",
        actualCost: Self.reservationRate * 24 * Int64(days),
        amortizedCost: nil
      )
    )
    for day in 1...days {
      let prod = "\"team\": \"payments\",\"env\": \"prod\""
      usage(day, "payments", prod, "pay-api-1", Meters.d4sv5, between(2_000, 2_400))
      usage(day, "payments", prod, "pay-api-2", Meters.d4sv5, between(2_000, 2_400))
      usage(day, "payments", prod, "pay-ledger-db", Meters.sqlVCore, between(3_800, 4_800))
      // The reserved VM: covered hours cost 0 billed; amortized, used and unused hours.
      let used = between(1_800, 2_400)
      list.append(
        Charge(
          day: day,
          team: "payments",
          tags: prod,
          resource: "pay-batch-1",
          meter: reserved,
          quantity: used,
          pricingModel: "Reservation",
          actualCost: 0,
          amortizedCost: used * Self.reservationRate / 100
        )
      )
      if used < 2_400 {
        list.append(
          Charge(
            day: day,
            team: nil,
            tags: "",
            resource: "reservation",
            meter: reserved,
            quantity: 2_400 - used,
            chargeType: "UnusedReservation",
            pricingModel: "Reservation",
            actualCost: nil,
            amortizedCost: (2_400 - used) * Self.reservationRate / 100
          )
        )
      }
      let search = "\"team\": \"search\""
      usage(day, "search", search, "search-main", Meters.searchS1, 4_800)
      usage(day, "search", search, "searchindexstore", Meters.blobHot, between(90_000, 99_000))
      let support = "\"team\": \"support\",\"env\": \"prod\""
      usage(day, "support", support, "helpdesk-web", Meters.appServiceP1, 2_400)
      let copilot = "\"pilot\": \"support-copilot\",\"team\": \"support\""
      usage(
        day,
        "support",
        copilot,
        "support-copilot-aoai",
        Meters.gpt4oInput,
        between(60_000, 260_000)
      )
      usage(
        day,
        "support",
        copilot,
        "support-copilot-aoai",
        Meters.gpt4oOutput,
        between(15_000, 60_000)
      )
      let lab = "\"team\": \"ai-lab\",\"env\": \"research\""
      let gpuHours = between(0, 2_400)
      if gpuHours > 0 {
        usage(day, "ai-lab", lab, "a100-trainer-1", Meters.nc24adsA100, gpuHours)
      }
      usage(day, "ai-lab", lab, "lab-aoai", Meters.gpt4oInput, between(20_000, 120_000))
      let platform = "\"team\": \"platform\""
      usage(
        day,
        "platform",
        platform,
        "central-logs",
        Meters.logAnalytics,
        between(4_000, 9_000)
      )
      usage(day, nil, "", "shared-egress", Meters.bandwidth, between(20_000, 60_000))
      usage(day, nil, "", "backupvault", Meters.backup, between(50_000, 52_000))
    }
    return list
  }

  private func row(_ charge: Charge, cost: Int64, view: View, period: (String, String))
    -> [String]
  {
    let meter = charge.meter
    let subscription = Self.subscriptions[charge.team ?? "platform-shared"] ?? ("", "")
    let group = "\(charge.team ?? "shared")-rg"
    let isCommitmentRow = charge.chargeType != "Usage"
    let resourceId =
      isCommitmentRow
      ? "/providers/Microsoft.Capacity/reservationOrders/\(Self.reservationOrder)"
      : "/subscriptions/\(subscription.0)/resourceGroups/\(group)/providers/"
        + "\(meter.provider)/\(charge.resource)"
    let reservation = charge.pricingModel == "Reservation"
    let quantity = ScaledDecimal.format(charge.quantity, scale: 2, minimumFractionDigits: 1)
    let hourly = reservation ? Self.reservationRate : meter.price
    let purchase = charge.chargeType == "Purchase"
    let covered = reservation && charge.chargeType == "Usage"
    let effectivePrice = purchase ? cost : covered && view == .actual ? 0 : hourly
    let listCost = charge.chargeType == "Usage" ? charge.quantity * meter.price / 100 : 0
    return [
      "", Self.billingAccount, "Contoso Demo", "DEMO-PROF-BG7-PGB", "Contoso Engineering",
      "Engineering", period.0, period.1, usDate(charge.day), meter.family,
      meter.provider.components(separatedBy: "/").first ?? "", meterId(meter.name),
      meter.name, meter.category, meter.subcategory, "US East",
      "\(meter.category) \(meter.subcategory) - \(meter.name)", subscription.0, subscription.1,
      isCommitmentRow ? "" : group, resourceId, "eastus",
      price(effectivePrice), quantity, purchase ? "1 Month" : meter.unit,
      charge.chargeType, "USD", Money.exact(Int128(cost)),
      Money.exact(Int128(listCost)), charge.tags, price(purchase ? 0 : meter.price),
      purchase ? "Recurring" : "UsageBased", reservation ? "12" : "",
      reservation ? Self.reservationOrder : "", reservation ? "RI_D8sv5_EastUS_1y" : "",
      charge.pricingModel, price(purchase ? cost : hourly), reservation ? resourceId : "",
      reservation ? "RI_D8sv5_EastUS_1y" : "", "Azure",
    ]
  }

  /// A stable GUID-shaped meter id from the meter's name (FNV-1a), the same on every run.
  private func meterId(_ name: String) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in name.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    let digits = String(repeating: "0", count: 16 - hex.count) + hex
    return "\(digits.prefix(8))-\(digits.dropFirst(8).prefix(4))-4\(digits.suffix(3))-"
      + "8000-00000000\(digits.prefix(4))"
  }

  private func usDate(_ day: Int) -> String {
    let monthNumber = month % 100
    return "\(monthNumber < 10 ? "0" : "")\(monthNumber)/\(day < 10 ? "0" : "")\(day)/"
      + "\(month / 100)"
  }

  private func price(_ nanos: Int64) -> String {
    ScaledDecimal.format(nanos, scale: 9, minimumFractionDigits: 1)
  }

  private func csvLine(_ fields: [String]) -> String {
    fields.map { field in
      field.contains(where: { $0 == "," || $0 == "\"" })
        ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }.joined(separator: ",")
  }

  private static let subscriptions: [String: (String, String)] = [
    "payments": ("1a2b3c4d-0001-4aaa-8bbb-000000000001", "payments-prod"),
    "search": ("1a2b3c4d-0002-4aaa-8bbb-000000000002", "search-prod"),
    "support": ("1a2b3c4d-0003-4aaa-8bbb-000000000003", "support-prod"),
    "ai-lab": ("1a2b3c4d-0004-4aaa-8bbb-000000000004", "ai-lab"),
    "platform": ("1a2b3c4d-0005-4aaa-8bbb-000000000005", "platform"),
    "platform-shared": ("1a2b3c4d-0006-4aaa-8bbb-000000000006", "shared-services"),
  ]

  private enum Meters {
    static let vm = "Microsoft.Compute/virtualMachines"
    static let d4sv5 = Meter(
      family: "Compute",
      provider: vm,
      name: "D4s v5",
      category: "Virtual Machines",
      subcategory: "Dsv5 Series",
      unit: "1 Hour",
      price: 192_000_000
    )
    static let d8sv5 = Meter(
      family: "Compute",
      provider: vm,
      name: "D8s v5",
      category: "Virtual Machines",
      subcategory: "Dsv5 Series",
      unit: "1 Hour",
      price: 384_000_000
    )
    static let nc24adsA100 = Meter(
      family: "Compute",
      provider: vm,
      name: "NC24ads A100 v4",
      category: "Virtual Machines",
      subcategory: "NCads A100 v4 Series",
      unit: "1 Hour",
      price: 3_673_000_000
    )
    static let sqlVCore = Meter(
      family: "Databases",
      provider: "Microsoft.Sql/servers",
      name: "vCore",
      category: "SQL Database",
      subcategory: "General Purpose - Compute Gen5",
      unit: "1 Hour",
      price: 505_000_000
    )
    static let searchS1 = Meter(
      family: "Web",
      provider: "Microsoft.Search/searchServices",
      name: "Standard S1 Unit",
      category: "Azure Cognitive Search",
      subcategory: "Standard",
      unit: "1 Hour",
      price: 335_600_000
    )
    static let blobHot = Meter(
      family: "Storage",
      provider: "Microsoft.Storage/storageAccounts",
      name: "Hot LRS Data Stored",
      category: "Storage",
      subcategory: "Tiered Block Blob",
      unit: "1 GB/Month",
      price: 600_000
    )
    static let appServiceP1 = Meter(
      family: "Compute",
      provider: "Microsoft.Web/sites",
      name: "P1 v3 App",
      category: "Azure App Service",
      subcategory: "Premium v3 Plan",
      unit: "1 Hour",
      price: 169_000_000
    )
    static let aoai = "Microsoft.CognitiveServices/accounts"
    static let gpt4oInput = Meter(
      family: "AI + Machine Learning",
      provider: aoai,
      name: "gpt-4o-0806-Inp-glbl Tokens",
      category: "Cognitive Services",
      subcategory: "Azure OpenAI",
      unit: "1K",
      price: 2_500_000
    )
    static let gpt4oOutput = Meter(
      family: "AI + Machine Learning",
      provider: aoai,
      name: "gpt-4o-0806-Outp-glbl Tokens",
      category: "Cognitive Services",
      subcategory: "Azure OpenAI",
      unit: "1K",
      price: 10_000_000
    )
    static let logAnalytics = Meter(
      family: "Management and Governance",
      provider: "Microsoft.OperationalInsights/workspaces",
      name: "Analytics Logs Data Ingestion",
      category: "Log Analytics",
      subcategory: "Analytics Logs",
      unit: "1 GB",
      price: 2_760_000_000
    )
    static let bandwidth = Meter(
      family: "Networking",
      provider: "Microsoft.Network/publicIPAddresses",
      name: "Standard Data Transfer Out",
      category: "Bandwidth",
      subcategory: "Rtn Preference: MGN",
      unit: "1 GB",
      price: 87_000_000
    )
    static let backup = Meter(
      family: "Storage",
      provider: "Microsoft.RecoveryServices/vaults",
      name: "LRS Data Stored",
      category: "Backup",
      subcategory: "",
      unit: "1 GB/Month",
      price: 22_400_000
    )
  }
}

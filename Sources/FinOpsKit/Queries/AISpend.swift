import GRDB

/// A month's AI spend: by provider, category, model and sub-account, with GPU-hours and the
/// cost per GPU-hour, in the configured currency and cost basis.
///
/// AI spend is what the classification stored at ingest (`x_AICategory`) says is AI; GPU
/// compute counts only when `ai.count_gpu_compute` is true, and its GPU-hours are shown either
/// way. Money is exact nano-units; FX conversion rounds each group half to even, as allocation
/// does, so the figures agree with `finops allocate`.
public struct AISpend: Sendable, Equatable {
  /// An amount of one group (provider, category, model or sub-account).
  public struct Line: Sendable, Equatable {
    /// The group's name (`OpenAI`, `genai-api`, a model or SKU text, a sub-account id).
    public var name: String
    /// The provider, for models and sub-accounts.
    public var provider: String?
    /// The category, for models.
    public var category: AICategory?
    /// A display name (the sub-account name), when known.
    public var detail: String?
    /// The amount in nano-units of the reporting currency.
    public var amount: Int128
    /// The number of charges.
    public var charges: Int64

    /// Creates a line.
    public init(
      name: String,
      provider: String? = nil,
      category: AICategory? = nil,
      detail: String? = nil,
      amount: Int128 = 0,
      charges: Int64 = 0
    ) {
      self.name = name
      self.provider = provider
      self.category = category
      self.detail = detail
      self.amount = amount
      self.charges = charges
    }
  }

  /// GPU-hours of one provider, category and accelerator model.
  public struct GPULine: Sendable, Equatable {
    /// The provider.
    public var provider: String
    /// `gpu-compute` or the platform the instances ran under (`ml-platform`).
    public var category: AICategory
    /// The accelerator (`NVIDIA A10G`).
    public var accelerator: String
    /// GPU-hours: instance hours times accelerators per instance.
    public var gpuHours: Double
    /// The cost of those hours in nano-units.
    public var amount: Int128
    /// Cost per GPU-hour in nano-units, when there are GPU-hours.
    public var costPerGPUHour: Int128? { GPUHours.costPerHour(amount, hours: gpuHours) }
  }

  /// The month, `YYYYMM`.
  public var month: Int
  /// The reporting currency.
  public var currency: String
  /// The cost basis.
  public var costBasis: FinOpsConfiguration.CostBasis
  /// Whether GPU compute counts as AI (`ai.count_gpu_compute`).
  public var countsGPUCompute: Bool
  /// AI spend in nano-units.
  public var total: Int128 = 0
  /// All spend of the month in nano-units, for the AI share.
  public var monthTotal: Int128 = 0
  /// AI spend by provider, largest first.
  public var byProvider: [Line] = []
  /// AI spend by category, in category order.
  public var byCategory: [Line] = []
  /// AI spend by model (the charge description, else SKU meter, else SKU id), largest first.
  public var byModel: [Line] = []
  /// AI spend by sub-account, largest first.
  public var bySubAccount: [Line] = []
  /// GPU-hours and their cost by provider, category and accelerator, largest cost first.
  public var gpu: [GPULine] = []
  /// GPU compute spend left out of `total` because `ai.count_gpu_compute` is false.
  public var uncountedGPUCompute: Int128 = 0
  /// Spend of GPU and accelerator charges whose GPU-hours are unknown (instance type not in the
  /// table, or a unit that is not a duration, such as storage of a GPU machine).
  public var gpuSpendWithoutHours: Int128 = 0

  /// The AI share of the month's spend in nano-units (0.25 is 250,000,000), rounded half away
  /// from zero; `nil` when the month has no spend.
  public var share: Int64? {
    guard monthTotal != 0 else { return nil }
    let numerator = total * 1_000_000_000
    var quotient = numerator / monthTotal
    if (numerator % monthTotal).magnitude * 2 >= monthTotal.magnitude {
      quotient += (numerator < 0) != (monthTotal < 0) ? -1 : 1
    }
    return Int64(clamping: quotient)
  }

  /// Computes a month's AI spend.
  /// - Parameters:
  ///   - month: The month, `YYYYMM`.
  ///   - configuration: Currency, FX, cost basis and `ai.count_gpu_compute`.
  ///   - database: The charges.
  /// - Returns: The AI spend.
  /// - Throws: `AllocationError` for a currency without a rate, or a database failure.
  public static func compute(
    month: Int,
    configuration: FinOpsConfiguration,
    database: SpendDatabase
  ) throws(AllocationError) -> AISpend {
    var spend = AISpend(
      month: month,
      currency: configuration.currency,
      costBasis: configuration.costBasis,
      countsGPUCompute: configuration.countGPUCompute
    )
    let groups = try fetch(month: month, configuration: configuration, database: database)
    var providers: [String: Line] = [:]
    var categories: [AICategory: Line] = [:]
    var models: [String: Line] = [:]
    var subAccounts: [String: Line] = [:]
    var gpus: [String: GPULine] = [:]
    for group in groups {
      guard let category = group.category else {
        spend.monthTotal += group.amount
        continue
      }
      spend.monthTotal += group.amount
      if let count = group.acceleratorCount, let model = group.acceleratorModel,
        let hours = group.gpuHours(accelerators: count)
      {
        let key = "\(group.provider)\u{1}\(category.rawValue)\u{1}\(model)"
        var line =
          gpus[key]
          ?? GPULine(
            provider: group.provider,
            category: category,
            accelerator: model,
            gpuHours: 0,
            amount: 0
          )
        line.gpuHours += hours
        line.amount += group.amount
        gpus[key] = line
      } else if category == .gpuCompute {
        spend.gpuSpendWithoutHours += group.amount
      }
      if category == .gpuCompute && !configuration.countGPUCompute {
        spend.uncountedGPUCompute += group.amount
        continue
      }
      spend.total += group.amount
      add(group, to: &providers, key: group.provider, Line(name: group.provider))
      add(group, to: &categories, key: category, Line(name: category.rawValue))
      add(
        group,
        to: &models,
        key: "\(group.provider)\u{1}\(category.rawValue)\u{1}\(group.model)",
        Line(name: group.model, provider: group.provider, category: category)
      )
      add(
        group,
        to: &subAccounts,
        key: "\(group.provider)\u{1}\(group.subAccountId)",
        Line(name: group.subAccountId, provider: group.provider, detail: group.subAccountName)
      )
    }
    spend.byProvider = largestFirst(Array(providers.values))
    spend.byCategory = categories.sorted { $0.key < $1.key }.map(\.value)
    spend.byModel = largestFirst(Array(models.values))
    spend.bySubAccount = largestFirst(Array(subAccounts.values))
    spend.gpu = gpus.values.sorted {
      ($0.amount, $1.provider, $1.accelerator) > ($1.amount, $0.provider, $0.accelerator)
    }
    return spend
  }

  private static func add<Key: Hashable>(
    _ group: Group,
    to lines: inout [Key: Line],
    key: Key,
    _ empty: Line
  ) {
    var line = lines[key] ?? empty
    line.amount += group.amount
    line.charges += group.charges
    lines[key] = line
  }

  private static func largestFirst(_ lines: [Line]) -> [Line] {
    lines.sorted {
      if $0.amount != $1.amount { return $0.amount > $1.amount }
      if ($0.provider ?? "") != ($1.provider ?? "") {
        return ($0.provider ?? "") < ($1.provider ?? "")
      }
      return $0.name < $1.name
    }
  }

  // MARK: - Reading

  /// The charges of one profile in the month.
  private struct Group {
    var provider: String
    var category: AICategory?
    var model: String
    var subAccountId: String
    var subAccountName: String?
    var acceleratorCount: Double?
    var acceleratorModel: String?
    var consumedUnit: String?
    var pricingUnit: String?
    var consumedQuantity: Double?
    var pricingQuantity: Double?
    var amount: Int128
    var charges: Int64

    /// GPU-hours from the consumed quantity, else from the pricing quantity.
    func gpuHours(accelerators: Double) -> Double? {
      if let unit = consumedUnit, let quantity = consumedQuantity,
        let hours = GPUHours.of(quantity: quantity, unit: unit, accelerators: accelerators)
      {
        return hours
      }
      if let unit = pricingUnit, let quantity = pricingQuantity {
        return GPUHours.of(quantity: quantity, unit: unit, accelerators: accelerators)
      }
      return nil
    }
  }

  private static func fetch(
    month: Int,
    configuration: FinOpsConfiguration,
    database: SpendDatabase
  ) throws(AllocationError) -> [Group] {
    let cost = configuration.costBasis == .effective ? "effectiveCostNanos" : "billedCostNanos"
    let sql = """
      SELECT p.providerName, p.aiCategory, p.chargeDescription, p.skuMeter, p.skuId,
        p.subAccountId, p.subAccountName, p.acceleratorCount, p.acceleratorModel, p.consumedUnit,
        p.pricingUnit, p.billingCurrency, g.amount, g.charges, g.consumed, g.pricing
      FROM (SELECT profileId, SUM(\(cost)) AS amount, COUNT(*) AS charges,
              SUM(consumedQuantity) AS consumed, SUM(pricingQuantity) AS pricing
            FROM charge WHERE month = ? GROUP BY profileId) g
      JOIN chargeProfile p ON p.id = g.profileId
      """
    let rows: [Row]
    do {
      rows = try database.writer.read { db in try Row.fetchAll(db, sql: sql, arguments: [month]) }
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    var groups: [Group] = []
    groups.reserveCapacity(rows.count)
    for row in rows {
      let currency: String = row[11]
      let raw: Int64 = row[12]
      let categoryText: String? = row[1]
      groups.append(
        Group(
          provider: nonEmpty(row[0]) ?? "(no provider)",
          category: categoryText.flatMap(AICategory.init(rawValue:)),
          model: AICategory.modelLabel(description: row[2], skuMeter: row[3], skuId: row[4]),
          subAccountId: nonEmpty(row[5]) ?? "(no sub-account)",
          subAccountName: nonEmpty(row[6]),
          acceleratorCount: row[7],
          acceleratorModel: row[8],
          consumedUnit: row[9],
          pricingUnit: row[10],
          consumedQuantity: row[14],
          pricingQuantity: row[15],
          amount: try configuration.toReportingCurrency(Int128(raw), from: currency),
          charges: row[13]
        )
      )
    }
    return groups
  }

  private static func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
  }
}

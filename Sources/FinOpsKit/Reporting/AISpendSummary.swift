/// AI spend of an allocated month, by category, provider and model.
///
/// AI spend is what the classification stored at ingest (`x_AICategory`) says is AI, as in
/// `finops ai`; GPU compute counts only when `ai.count_gpu_compute` is true. It is computed from
/// the month's allocation groups, so a month in progress counts the same days as the rest of the
/// report. The model is the charge description, else the SKU meter, else the SKU id.
enum AISpendSummary {
  static func compute(
    _ allocation: MonthAllocation,
    total: Int128,
    configuration: FinOpsConfiguration
  ) -> MonthSummary.AISpend {
    var byCategory: [String: Int128] = [:]
    var byProvider: [String: Int128] = [:]
    var byModel: [String: Int128] = [:]
    var spend: Int128 = 0
    var uncountedGPU: Int128 = 0
    for group in allocation.groups {
      let columns = group.attributes.columns
      guard let category = columns[.aiCategory].flatMap(AICategory.init(rawValue:)) else {
        continue
      }
      if category == .gpuCompute && !configuration.countGPUCompute {
        uncountedGPU += group.amount
        continue
      }
      spend += group.amount
      let provider = columns[.providerName] ?? "(no provider)"
      let model = AICategory.modelLabel(
        description: columns[.chargeDescription],
        skuMeter: columns[.skuMeter],
        skuId: columns[.skuId]
      )
      byCategory[category.rawValue, default: 0] += group.amount
      byProvider[provider, default: 0] += group.amount
      byModel["\(provider) / \(model)", default: 0] += group.amount
    }
    var note: String?
    if uncountedGPU != 0 {
      note =
        "GPU compute of \(ReportNumber.groupedMoney(uncountedGPU)) is not counted as AI "
        + "(ai.count_gpu_compute: false)"
    }
    return MonthSummary.AISpend(
      spend: spend,
      share: MonthSummaryBuilder.share(spend, of: total),
      byCategory: sorted(byCategory),
      byProvider: sorted(byProvider),
      byModel: sorted(byModel),
      note: note
    )
  }

  /// Amounts largest first, ties by name.
  static func sorted(_ amounts: [String: Int128]) -> [MonthSummary.Amount] {
    amounts.map { MonthSummary.Amount(name: $0.key, amount: $0.value) }
      .sorted { $0.amount != $1.amount ? $0.amount > $1.amount : $0.name < $1.name }
  }
}

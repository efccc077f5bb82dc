/// AI spend of an allocated month, by category, provider and model.
///
/// Until charges carry an AI category of their own, AI spend is what FOCUS classifies as
/// ServiceCategory `AI and Machine Learning`, and the summary says so in its note.
enum AISpendSummary {
  /// The FOCUS service category of AI services.
  static let focusCategory = "AI and Machine Learning"

  static func compute(_ allocation: MonthAllocation, total: Int128) -> MonthSummary.AISpend {
    var byCategory: [String: Int128] = [:]
    var byProvider: [String: Int128] = [:]
    var spend: Int128 = 0
    for group in allocation.groups
    where group.attributes.columns[.serviceCategory] == focusCategory {
      spend += group.amount
      let service = group.attributes.columns[.serviceName] ?? "(no service)"
      byCategory[service, default: 0] += group.amount
      byProvider[group.attributes.columns[.providerName] ?? "(no provider)", default: 0] +=
        group.amount
    }
    return MonthSummary.AISpend(
      spend: spend,
      share: MonthSummaryBuilder.share(spend, of: total),
      byCategory: sorted(byCategory),
      byProvider: sorted(byProvider),
      byModel: [],
      note: "AI spend is the FOCUS service category '\(focusCategory)', by service; "
        + "models are not known yet"
    )
  }

  /// Amounts largest first, ties by name.
  static func sorted(_ amounts: [String: Int128]) -> [MonthSummary.Amount] {
    amounts.map { MonthSummary.Amount(name: $0.key, amount: $0.value) }
      .sorted { $0.amount != $1.amount ? $0.amount > $1.amount : $0.name < $1.name }
  }
}

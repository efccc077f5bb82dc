/// The tokens section of `finops ai`: tokens by provider, model and token type, with the spend
/// on each and the cost per 1M tokens.
///
/// Spend is in each charge's own billing currency (no FX: a unit cost is read against the
/// provider's price list), on the configured cost basis. Tokens come from the AI providers'
/// usage reports (`aiUsage`), never from spend.
public enum TokenUsageListing {
  /// The section for one month.
  /// - Parameters:
  ///   - month: The month (YYYYMM).
  ///   - costBasis: Effective or billed cost.
  ///   - database: The database.
  /// - Returns: A section keyed `tokens`.
  /// - Throws: `StoreError` on database failure.
  public static func section(
    month: Int,
    costBasis: FinOpsConfiguration.CostBasis,
    database: SpendDatabase
  ) throws(StoreError) -> AISpendListing.Section {
    let costs = try TokenUsage.unitCosts(
      month: month,
      effective: costBasis == .effective,
      in: database
    )
    var rows = [
      ["provider", "model", "token type", "tokens", "spend", "currency", "per 1M tokens"]
    ]
    var items: [String] = []
    for cost in costs {
      let perMillion = cost.costPerMillionTokens.map { Money.exact(round6($0)) }
      rows.append([
        cost.provider, cost.model, cost.tokenType ?? "all", String(cost.tokens),
        Money.format(cost.spend), cost.currency, perMillion ?? "-",
      ])
      items.append(
        "{\"provider\": \(JSONText.quoted(cost.provider)), "
          + "\"model\": \(JSONText.quoted(cost.model)), "
          + "\"token_type\": \(cost.tokenType.map(JSONText.quoted) ?? "null"), "
          + "\"tokens\": \(cost.tokens), \"amount\": \"\(Money.format(cost.spend))\", "
          + "\"currency\": \(JSONText.quoted(cost.currency)), "
          + "\"cost_per_million_tokens\": \(perMillion.map { "\"\($0)\"" } ?? "null")}"
      )
    }
    return AISpendListing.Section(
      key: "tokens",
      title: "tokens and cost per 1M tokens (AI provider usage reports)",
      text: costs.isEmpty ? "" : TextTable.render(rows, rightAligned: [3, 4, 6]),
      json: items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
    )
  }

  /// Nano-units rounded to six decimals (a unit price needs more than cents).
  private static func round6(_ nanos: Int128) -> Int128 {
    ScaledDecimal.round(nanos, scale: ChargeColumn.moneyScale, places: 6)
  }
}

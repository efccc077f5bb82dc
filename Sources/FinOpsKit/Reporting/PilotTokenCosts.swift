import GRDB

/// A pilot's cost per 1M tokens, where AI provider usage reports give the tokens.
///
/// Usage reports count tokens by provider and model (the charges' SkuId), not by owner, so a
/// pilot is credited with each model's tokens in proportion to its share of that model's spend
/// in the month. Its cost per 1M tokens is its spend on token-metered models divided by those
/// tokens, times 1,000,000. Pilots without such spend have none.
enum PilotTokenCosts {
  struct Cost: Equatable {
    /// Tokens credited to the pilot.
    var tokens: Int64
    /// Spend per million tokens, in nano-units.
    var costPerMillion: Int128
  }

  private struct Model: Hashable {
    var provider: String
    var model: String
  }

  static func compute(
    _ allocation: MonthAllocation,
    month: ReportMonth,
    before cutoff: Int64,
    db: Database
  ) throws(AllocationError) -> [String: Cost] {
    var tokens: [Model: Double] = [:]
    do {
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT providerName, model, SUM(quantity) FROM aiUsage
          WHERE month = ? AND periodStart < ? AND unit = 'tokens' AND partOf IS NULL
            AND model IS NOT NULL
          GROUP BY providerName, model
          """,
        arguments: [month.key, cutoff]
      )
      for row in rows { tokens[Model(provider: row[0], model: row[1])] = row[2] }
    } catch {
      // A database from before AI usage records has no tokens to report.
      if (error as? DatabaseError)?.message?.contains("no such table") == true { return [:] }
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    guard !tokens.isEmpty else { return [:] }
    var modelSpend: [Model: Int128] = [:]
    var pilotSpend: [String: [Model: Int128]] = [:]
    for group in allocation.groups {
      guard let provider = group.attributes.columns[.providerName],
        let model = group.attributes.columns[.skuId]
      else { continue }
      let key = Model(provider: provider, model: model)
      guard tokens[key] != nil else { continue }
      modelSpend[key, default: 0] += group.amount
      if case .rule(_, .pilot(let pilot)) = group.decision {
        pilotSpend[pilot, default: [:]][key, default: 0] += group.amount
      }
    }
    var costs: [String: Cost] = [:]
    for (pilot, models) in pilotSpend {
      var spend: Int128 = 0
      var credited = 0.0
      for (model, amount) in models {
        guard let whole = modelSpend[model], whole > 0, amount > 0 else { continue }
        spend += amount
        // Token counts are quantities (never money), so a Double share of them is fine.
        credited += (tokens[model] ?? 0) * Double(amount) / Double(whole)
      }
      let count = Int64(credited.rounded())
      guard count > 0 else { continue }
      costs[pilot] = Cost(tokens: count, costPerMillion: spend * 1_000_000 / Int128(count))
    }
    return costs
  }
}

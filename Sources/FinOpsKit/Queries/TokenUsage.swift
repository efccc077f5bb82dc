import GRDB

/// Tokens of AI provider usage reports and the unit costs they give with the providers' cost
/// charges (cost per 1M tokens by model, and by model and token type).
///
/// Tokens come from the `aiUsage` table only (usage records, never spend); money comes from
/// charges only. Breakdown records (`partOf`, such as `input_audio`) are left out of the sums
/// because they are already counted in their total.
public enum TokenUsage {
  /// Tokens of one provider, model, token type and month.
  public struct Tokens: Sendable, Equatable {
    /// The provider (`OpenAI`, `Anthropic`).
    public var provider: String
    /// The model, or `nil` when the usage was not grouped by model.
    public var model: String?
    /// The token type (`input`, `cached_input`, `cache_write`, `output`...).
    public var tokenType: String
    /// The month (YYYYMM, UTC).
    public var month: Int
    /// The number of tokens.
    public var tokens: Int64
  }

  /// The unit cost of a model (all its tokens) or of one of its token types.
  public struct UnitCost: Sendable, Equatable {
    /// The provider.
    public var provider: String
    /// The model.
    public var model: String
    /// The token type, or `nil` for the model as a whole.
    public var tokenType: String?
    /// The currency of the spend.
    public var currency: String
    /// Spend on the model (or on its tokens of this type), in nano-units.
    public var spend: Int128
    /// Tokens used.
    public var tokens: Int64
    /// Spend per million tokens in nano-units (rounded half up), or `nil` without tokens.
    public var costPerMillionTokens: Int128?
  }

  /// Sums tokens by provider, model, token type and month.
  /// - Parameters:
  ///   - month: A month (YYYYMM), or `nil` for every month.
  ///   - database: The database.
  /// - Returns: Rows sorted by month, provider, model and token type.
  /// - Throws: `StoreError` on database failure.
  public static func tokens(month: Int? = nil, in database: SpendDatabase) throws(StoreError)
    -> [Tokens]
  {
    do {
      return try database.writer.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT providerName, model, quantityKind, month, SUM(quantity) FROM aiUsage
            WHERE unit = 'tokens' AND partOf IS NULL AND (? IS NULL OR month = ?)
            GROUP BY providerName, model, quantityKind, month
            ORDER BY month, providerName, model, quantityKind
            """,
          arguments: [month, month]
        ).map { row in
          Tokens(
            provider: row[0],
            model: row[1],
            tokenType: row[2],
            month: row[3],
            tokens: Int64((row[4] as Double).rounded())
          )
        }
      }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
  }

  /// Unit costs of one month: spend of each model (the `SkuId` of AI provider charges) divided
  /// by its tokens, for the model as a whole and for each token type (`SkuMeter`).
  /// - Parameters:
  ///   - month: The month (YYYYMM).
  ///   - effective: `true` for EffectiveCost, `false` for BilledCost.
  ///   - database: The database.
  /// - Returns: Rows sorted by provider, model and token type (the model total first).
  /// - Throws: `StoreError` on database failure.
  public static func unitCosts(month: Int, effective: Bool = true, in database: SpendDatabase)
    throws(StoreError) -> [UnitCost]
  {
    struct Key: Hashable {
      var provider: String
      var model: String
      var tokenType: String?
    }
    var spend: [Key: (currency: String, nanos: Int128)] = [:]
    let cost = effective ? "effectiveCostNanos" : "billedCostNanos"
    do {
      try database.writer.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT p.providerName, p.skuId, p.skuMeter, p.billingCurrency, SUM(c.\(cost))
            FROM charge c JOIN chargeProfile p ON p.id = c.profileId
            WHERE c.month = ? AND p.skuId IS NOT NULL
              AND p.providerName IN (SELECT DISTINCT providerName FROM aiUsage)
            GROUP BY p.providerName, p.skuId, p.skuMeter, p.billingCurrency
            """,
          arguments: [month]
        )
        for row in rows {
          let amount = Int128(row[4] as Int64)
          let currency: String = row[3]
          var keys = [Key(provider: row[0], model: row[1], tokenType: nil)]
          if let meter = row[2] as String? {
            keys.append(Key(provider: row[0], model: row[1], tokenType: meter))
          }
          for key in keys {
            spend[key] = (currency, (spend[key]?.nanos ?? 0) + amount)
          }
        }
      }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
    var tokens: [Key: Int64] = [:]
    for row in try Self.tokens(month: month, in: database) {
      guard let model = row.model else { continue }
      tokens[Key(provider: row.provider, model: model, tokenType: nil), default: 0] += row.tokens
      tokens[Key(provider: row.provider, model: model, tokenType: row.tokenType), default: 0] +=
        row.tokens
    }
    let keys = Set(spend.keys).union(tokens.keys).filter { key in
      key.tokenType == nil || (spend[key] != nil && tokens[key] != nil)
    }
    return keys.map { key in
      let money = spend[key]?.nanos ?? 0
      let count = tokens[key] ?? 0
      return UnitCost(
        provider: key.provider,
        model: key.model,
        tokenType: key.tokenType,
        currency: spend[key]?.currency ?? "",
        spend: money,
        tokens: count,
        costPerMillionTokens: count > 0 ? perMillion(money, count) : nil
      )
    }.sorted {
      ($0.provider, $0.model, $0.tokenType ?? "") < ($1.provider, $1.model, $1.tokenType ?? "")
    }
  }

  /// `spend × 1,000,000 / tokens`, rounded half away from zero.
  static func perMillion(_ spend: Int128, _ tokens: Int64) -> Int128 {
    let numerator = spend * 1_000_000
    let divisor = Int128(tokens)
    let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: divisor)
    if remainder.magnitude * 2 >= divisor.magnitude {
      return quotient + (numerator < 0 ? -1 : 1)
    }
    return quotient
  }
}

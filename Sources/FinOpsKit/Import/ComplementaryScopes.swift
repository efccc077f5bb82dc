import GRDB

/// Combines two views of the same charges so that neither cost is counted twice.
///
/// Some providers deliver one month twice: Azure's actual-cost file states what is billed
/// (commitment purchases in full) and its amortized-cost file states what is consumed
/// (commitments spread over the usage they cover, plus their unused part). A mapping declares
/// such a pair with `complements: {format: OTHER, supplies: effective_cost}`.
///
/// While a live scope of each format covers the same billing account and billing period:
/// - the rows of the format that supplies EffectiveCost keep it, and their BilledCost is 0;
/// - the rows of the other format keep BilledCost, and their EffectiveCost is 0, their
///   ListCost, ContractedCost and quantities null (the usage view carries those).
///
/// So the BilledCost total is the invoice's and the EffectiveCost total the amortized one,
/// whatever order or batch the files came in. Every ingest re-applies this to the pairs its
/// batch touched (it is idempotent), so a re-delivered file is combined again; the scopes'
/// recorded totals are updated with their charges.
enum ComplementaryScopes {
  /// One declared pair.
  struct Pair: Equatable {
    /// The format that supplies `supplied` (amortized cost supplies EffectiveCost).
    var format: String
    /// The format that supplies the other cost.
    var partner: String
    /// `.billedCost` or `.effectiveCost`.
    var supplied: ChargeColumn
  }

  /// A scope whose costs were combined: which cost its rows no longer carry.
  struct Combined: Equatable {
    /// The `importScope` id.
    var scopeId: Int64
    /// The cost set to 0 on its rows.
    var cleared: ChargeColumn
    /// What the ingest report says about it.
    var summary: IngestReport.Combination
  }

  /// The pairs declared by the registry's mappings.
  static func pairs(in registry: ImporterRegistry) -> [Pair] {
    registry.importers.compactMap { importer in
      guard let mapping = (importer as? MappingImporter)?.mapping,
        let complement = mapping.complements,
        let supplied = complement.suppliedColumn
      else { return nil }
      return Pair(format: mapping.id, partner: complement.format, supplied: supplied)
    }
  }

  /// Combines every live pair of scopes of which at least one belongs to `batchId`.
  /// - Returns: The scopes changed, in id order.
  static func apply(_ pairs: [Pair], db: Database, batchId: Int64) throws -> [Combined] {
    var combined: [Combined] = []
    for pair in pairs {
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT mine.id, theirs.id, mine.billingAccountId, mine.billingPeriodStart
          FROM importScope mine
          JOIN importScope theirs ON theirs.format = ?
            AND theirs.billingAccountId = mine.billingAccountId
            AND theirs.billingPeriodStart = mine.billingPeriodStart
            AND theirs.supersededByBatchId IS NULL
          WHERE mine.format = ? AND mine.supersededByBatchId IS NULL
            AND (mine.batchId = ? OR theirs.batchId = ?)
          ORDER BY mine.id, theirs.id
          """,
        arguments: [pair.partner, pair.format, batchId, batchId]
      )
      let other: ChargeColumn = pair.supplied == .billedCost ? .effectiveCost : .billedCost
      for row in rows {
        let mine: Int64 = row[0]
        let theirs: Int64 = row[1]
        try clear(other, scope: mine, usageMeasures: pair.supplied == .billedCost, db: db)
        try clear(pair.supplied, scope: theirs, usageMeasures: other == .billedCost, db: db)
        let account: String = row[2]
        let period: Int64 = row[3]
        for (scope, format, cleared) in [
          (mine, pair.format, other), (theirs, pair.partner, pair.supplied),
        ] {
          let summary = IngestReport.Combination(
            format: format,
            billingAccountId: account,
            billingPeriodStart: period,
            cleared: cleared.focusName
          )
          combined.append(Combined(scopeId: scope, cleared: cleared, summary: summary))
        }
      }
    }
    return combined.sorted { $0.scopeId < $1.scopeId }
  }

  /// The batch's scope totals after combination, for the ingest report.
  static func adjusted(_ tallies: [ScopeLedger.Tally], _ combined: [Combined])
    -> [ScopeLedger.Tally]
  {
    tallies.map { tally in
      var tally = tally
      for change in combined where change.scopeId == tally.id {
        if change.cleared == .billedCost { tally.billedCost = 0 } else { tally.effectiveCost = 0 }
      }
      return tally
    }
  }

  /// Sets one cost to 0 on a scope's charges and in its recorded totals; the view that keeps
  /// only BilledCost also gives up the usage measures.
  private static func clear(
    _ column: ChargeColumn,
    scope: Int64,
    usageMeasures: Bool,
    db: Database
  ) throws {
    var assignments = ["\(column.sqlName) = 0"]
    if usageMeasures {
      assignments += [
        ChargeColumn.listCost, .contractedCost, .pricingQuantity, .consumedQuantity,
        .commitmentDiscountQuantity,
      ].map { "\($0.sqlName) = NULL" }
    }
    try db.execute(
      sql: "UPDATE charge SET \(assignments.joined(separator: ", ")) WHERE scopeId = ?",
      arguments: [scope]
    )
    try db.execute(
      sql: "UPDATE importScope SET \(column.sqlName) = 0 WHERE id = ?",
      arguments: [scope]
    )
  }
}

extension IngestReport {
  /// A scope whose rows were combined with the other view of the same charges (`complements`).
  public struct Combination: Sendable, Equatable {
    /// The scope's format.
    public var format: String
    /// The billing account.
    public var billingAccountId: String
    /// The start of the billing period.
    public var billingPeriodStart: Int64
    /// The cost its rows no longer carry (`BilledCost` or `EffectiveCost`): the other view
    /// supplies it.
    public var cleared: String
  }
}

import GRDB

/// The resources behind a month's unallocated spend, largest first: what to tag next.
public enum UnallocatedResources {
  /// One resource and its unallocated amount.
  public struct Item: Sendable, Equatable {
    /// The resource id (`(no resource)` for charges without one, such as fees).
    public var resourceId: String
    /// The unallocated amount, in nano-units of the billing currency of its charges.
    public var amount: Int128
    /// How many charges.
    public var charges: Int64
  }

  /// The largest unallocated resources of an allocated month.
  ///
  /// Reads only the charges of the profiles the allocation left unallocated (through the
  /// month-and-profile index), summed by resource here rather than by a SQL `GROUP BY`, which
  /// would sort the whole month first.
  /// - Parameters:
  ///   - allocation: The month's allocation.
  ///   - database: The charges.
  ///   - limit: How many resources to return.
  /// - Returns: Resources by descending amount (in the charges' billing currency, before FX).
  /// - Throws: `StoreError` on database failure.
  public static func largest(
    in allocation: MonthAllocation,
    database: SpendDatabase,
    limit: Int = 10
  ) throws(StoreError) -> [Item] {
    let profiles = Set(allocation.groups.filter { $0.decision == .unallocated }.map(\.profileId))
    guard !profiles.isEmpty else { return [] }
    let cost = allocation.costBasis == .effective ? "effectiveCostNanos" : "billedCostNanos"
    // Profile ids are integers from the database, so they are safe to list in the statement.
    let idList = profiles.sorted().map(String.init).joined(separator: ",")
    var totals: [String: (amount: Int128, charges: Int64)] = [:]
    do {
      try database.writer.read { db in
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT resourceId, \(cost) FROM charge
            WHERE month = ? AND profileId IN (\(idList))
            """,
          arguments: [allocation.month]
        )
        while let row = try rows.next() {
          let resource: String = row[0] ?? "(no resource)"
          let amount: Int64 = row[1]
          totals[resource, default: (0, 0)].amount += Int128(amount)
          totals[resource, default: (0, 0)].charges += 1
        }
      }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
    return totals.map {
      Item(resourceId: $0.key, amount: $0.value.amount, charges: $0.value.charges)
    }
    .sorted { $0.amount != $1.amount ? $0.amount > $1.amount : $0.resourceId < $1.resourceId }
    .prefix(limit).map { $0 }
  }
}

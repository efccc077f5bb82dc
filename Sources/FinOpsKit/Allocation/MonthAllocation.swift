/// The allocation of one month: every charge's amount, in the reporting currency and cost
/// basis, given to a team, a pilot, a shared split or `unallocated`.
///
/// Totals are exact nano-units and always add up: Σ teams + Σ pilots + unallocated = total.
public struct MonthAllocation: Sendable {
  /// A group of charges that share every attribute the rules read.
  public struct Group: Sendable {
    /// The charges' attributes.
    public var attributes: ChargeAttributes
    /// The amount in nano-units of the reporting currency.
    public var amount: Int128
    /// How many charges.
    public var charges: Int64
    /// Where the group went.
    public var decision: AllocationDecision
    /// The `chargeProfile` the charges share.
    public var profileId: Int64
  }

  /// How one shared cost was split.
  public struct SharedSplit: Sendable {
    /// The shared cost's name.
    public var name: String
    /// The split method (`even`, `proportional`, `fixed`).
    public var method: String
    /// The amount split.
    public var amount: Int128
    /// Each team's share.
    public var shares: [(team: String, amount: Int128)]
  }

  /// The month (`YYYYMM`).
  public var month: Int
  /// The reporting currency.
  public var currency: String
  /// The cost basis.
  public var costBasis: FinOpsConfiguration.CostBasis
  /// Every charge group.
  public var groups: [Group]
  /// Shared costs and their splits.
  public var sharedSplits: [SharedSplit]
  /// Spend owned directly by rules (and unallocated), by owner.
  public var direct: [Owner: Int128]
  /// Final spend by owner: teams with their shares of shared costs, pilots, unallocated.
  public var byOwner: [Owner: Int128]
  /// How many distinct attribute combinations the rules were evaluated for.
  public var ruleEvaluations = 0

  /// The month's total.
  public var total: Int128 { groups.reduce(0) { $0 + $1.amount } }
  /// Spend no rule claimed.
  public var unallocated: Int128 { byOwner[.unallocated] ?? 0 }

  /// The share of the total that is allocated, in nano-units (1.0 is 1,000,000,000); 1.0 for
  /// an empty month.
  public var coverage: Int128 {
    let total = self.total
    guard total != 0 else { return 1_000_000_000 }
    return (total - unallocated) * 1_000_000_000 / total
  }
}

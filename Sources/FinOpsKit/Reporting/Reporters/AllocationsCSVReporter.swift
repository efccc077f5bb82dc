/// `allocations.csv`: spend by owner, provider and service.
///
/// Each row says how its amount got there (a rule, a share of a shared cost, or unallocated).
/// The rows add up to the month's total.
public struct AllocationsCSVReporter: Reporter {
  /// The reporter's id.
  public static let identifier = "allocations-csv"
  /// What it shows.
  public static let summary = "Spend by owner and service, with the rule or shared cost behind it."
  /// Its format.
  public static let format = ReportFormat.csv
  /// The file it writes.
  public static let fileName = "allocations.csv"

  /// Creates the reporter.
  public init() {}

  private struct Key: Hashable, Comparable {
    var owner: Owner
    var via: String
    var provider: String
    var service: String

    static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.owner, lhs.via, lhs.provider, lhs.service)
        < (rhs.owner, rhs.via, rhs.provider, rhs.service)
    }
  }

  /// Renders the report.
  /// - Parameter context: The month's figures and templates.
  /// - Returns: The report text.
  /// - Throws: `ReportError` for a template problem.
  public func render(_ context: ReportContext) throws(ReportError) -> String {
    let allocation = context.summary.allocation
    var amounts: [Key: (amount: Int128, charges: Int64)] = [:]
    var sharedGroups: [String: [MonthAllocation.Group]] = [:]
    for group in allocation.groups {
      let provider = group.attributes.columns[.providerName] ?? "(no provider)"
      let service = group.attributes.columns[.serviceName] ?? "(no service)"
      switch group.decision {
      case .rule(let name, let owner):
        let key = Key(owner: owner, via: "rule: \(name)", provider: provider, service: service)
        amounts[key, default: (0, 0)].amount += group.amount
        amounts[key, default: (0, 0)].charges += group.charges
      case .unallocated:
        let key = Key(owner: .unallocated, via: "", provider: provider, service: service)
        amounts[key, default: (0, 0)].amount += group.amount
        amounts[key, default: (0, 0)].charges += group.charges
      case .shared(let name):
        sharedGroups[name, default: []].append(group)
      }
    }
    // Each shared cost's services are split in the proportions of its split, exactly.
    for split in allocation.sharedSplits {
      let weights = split.shares.map { Int128($0.amount.magnitude) }
      for group in sharedGroups[split.name] ?? [] {
        guard let whole = Int64(exactly: group.amount) else { continue }
        let parts = ExactSplit.split(whole, weights: weights)
        for (share, part) in zip(split.shares, parts) {
          let key = Key(
            owner: .team(share.team),
            via: "shared: \(split.name)",
            provider: group.attributes.columns[.providerName] ?? "(no provider)",
            service: group.attributes.columns[.serviceName] ?? "(no service)"
          )
          amounts[key, default: (0, 0)].amount += Int128(part)
          amounts[key, default: (0, 0)].charges += group.charges
        }
      }
    }
    // A shared cost with no team to share it stays unallocated, as in the engine.
    let split = Set(allocation.sharedSplits.map(\.name))
    for (name, groups) in sharedGroups where !split.contains(name) {
      for group in groups {
        let key = Key(
          owner: .unallocated,
          via: "shared: \(name)",
          provider: group.attributes.columns[.providerName] ?? "(no provider)",
          service: group.attributes.columns[.serviceName] ?? "(no service)"
        )
        amounts[key, default: (0, 0)].amount += group.amount
        amounts[key, default: (0, 0)].charges += group.charges
      }
    }
    var table = CSVTable(header: [
      "month", "owner_kind", "owner", "via", "provider", "service", "spend", "charges",
    ])
    for key in amounts.keys.sorted() {
      let value = amounts[key] ?? (0, 0)
      let (kind, id): (String, String)
      switch key.owner {
      case .team(let team): (kind, id) = ("team", team)
      case .pilot(let pilot): (kind, id) = ("pilot", pilot)
      case .unallocated: (kind, id) = ("unallocated", "")
      }
      table.append([
        .number(context.summary.month.description), .text(kind), .text(id), .text(key.via),
        .text(key.provider), .text(key.service), .number(ReportNumber.money(value.amount)),
        .number(String(value.charges)),
      ])
    }
    return table.text
  }
}

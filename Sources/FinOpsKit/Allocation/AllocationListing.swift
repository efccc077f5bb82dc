/// Renders a month's allocation for `finops allocate`: owners with their direct spend, shares
/// of shared costs and budgets, coverage by provider and sub-account, and the largest
/// unallocated items, so people know what to tag next.
public enum AllocationListing {
  /// The text report.
  /// - Parameters:
  ///   - allocation: The month's allocation.
  ///   - configuration: The configuration (for budgets and names).
  ///   - resources: The largest unallocated resources, when looked up.
  /// - Returns: Aligned text tables.
  public static func text(
    _ allocation: MonthAllocation,
    configuration: FinOpsConfiguration,
    resources: [UnallocatedResources.Item] = []
  ) -> String {
    let month = "\(allocation.month / 100)-" + String(format2(allocation.month % 100))
    var lines = [
      "allocation of \(month) (\(allocation.costBasis.rawValue) cost, \(allocation.currency)): "
        + "total \(Money.format(allocation.total)), coverage \(percent(allocation.coverage))",
      "",
    ]
    var rows = [["owner", "direct", "shared", "total", "budget", "used"]]
    let owners = allocation.byOwner.keys.sorted()
    for owner in owners {
      let total = allocation.byOwner[owner] ?? 0
      let direct = allocation.direct[owner] ?? 0
      var budget: Int64?
      switch owner {
      case .team(let id): budget = configuration.teams.first { $0.id == id }?.monthlyBudget
      case .pilot(let id): budget = configuration.pilots.first { $0.id == id }?.monthlyBudget
      case .unallocated: budget = nil
      }
      rows.append([
        owner.description, Money.format(direct), Money.format(total - direct), Money.format(total),
        budget.map { Money.format(Int128($0)) } ?? "",
        budget.map { $0 > 0 ? percent(total * 1_000_000_000 / Int128($0)) : "" } ?? "",
      ])
    }
    lines.append(TextTable.render(rows, rightAligned: [1, 2, 3, 4, 5]))
    for split in allocation.sharedSplits {
      let shares = split.shares.map { "\($0.team) \(Money.format($0.amount))" }
        .joined(separator: ", ")
      lines.append(
        "shared '\(split.name)' \(Money.format(split.amount)) split \(split.method): \(shares)"
      )
    }
    lines.append("")
    lines.append("coverage by provider and sub-account:")
    var coverage: [String: (total: Int128, unallocated: Int128)] = [:]
    var unallocated: [String: (amount: Int128, charges: Int64)] = [:]
    for group in allocation.groups {
      let provider = group.attributes.columns[.providerName] ?? "?"
      let account = group.attributes.columns[.subAccountId] ?? "-"
      let key = "\(provider)  \(account)"
      coverage[key, default: (0, 0)].total += group.amount
      if group.decision == .unallocated {
        coverage[key, default: (0, 0)].unallocated += group.amount
        let item =
          "\(group.attributes.columns[.serviceName] ?? "?") in \(provider) sub-account \(account)"
        unallocated[item, default: (0, 0)].amount += group.amount
        unallocated[item, default: (0, 0)].charges += group.charges
      }
    }
    var providers: [String: (total: Int128, unallocated: Int128)] = [:]
    for group in allocation.groups {
      let provider = group.attributes.columns[.providerName] ?? "?"
      providers[provider, default: (0, 0)].total += group.amount
      if group.decision == .unallocated {
        providers[provider, default: (0, 0)].unallocated += group.amount
      }
    }
    var coverageRows = [["provider  sub-account", "total", "unallocated", "coverage"]]
    for provider in providers.keys.sorted() {
      let value = providers[provider] ?? (0, 0)
      coverageRows.append([
        "\(provider) (all)", Money.format(value.total), Money.format(value.unallocated),
        percent(share(value)),
      ])
    }
    for key in coverage.keys.sorted() {
      let value = coverage[key] ?? (0, 0)
      coverageRows.append([
        key, Money.format(value.total), Money.format(value.unallocated), percent(share(value)),
      ])
    }
    lines.append(TextTable.render(coverageRows, rightAligned: [1, 2, 3]))
    let largest = unallocated.sorted {
      $0.value.amount != $1.value.amount ? $0.value.amount > $1.value.amount : $0.key < $1.key
    }.prefix(10)
    if !largest.isEmpty {
      lines.append("")
      lines.append("largest unallocated items:")
      for (item, value) in largest {
        lines.append("  \(Money.format(value.amount))  \(item) (\(value.charges) charges)")
      }
    }
    if !resources.isEmpty {
      lines.append("")
      lines.append("largest unallocated resources (billing currency, before FX):")
      for item in resources {
        lines.append(
          "  \(Money.format(item.amount))  \(item.resourceId) (\(item.charges) charges)"
        )
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func share(_ value: (total: Int128, unallocated: Int128)) -> Int128 {
    value.total == 0
      ? 1_000_000_000 : (value.total - value.unallocated) * 1_000_000_000 / value.total
  }

  private static func percent(_ nanos: Int128) -> String {
    let tenths = ScaledDecimal.round(nanos * 100, scale: 9, places: 1)
    return ScaledDecimal.format(tenths, scale: 9, minimumFractionDigits: 1) + "%"
  }

  private static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

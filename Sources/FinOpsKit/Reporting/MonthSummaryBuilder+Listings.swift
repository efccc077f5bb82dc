extension MonthSummaryBuilder {
  /// Unallocated spend by provider, sub-account and service, largest first.
  static func unallocatedItems(_ allocation: MonthAllocation) -> [MonthSummary.UnallocatedItem] {
    struct Key: Hashable {
      var provider: String
      var subAccount: String
      var service: String
    }
    var items: [Key: (amount: Int128, charges: Int64)] = [:]
    for group in allocation.groups where group.decision == .unallocated {
      let columns = group.attributes.columns
      let key = Key(
        provider: columns[.providerName] ?? "(no provider)",
        subAccount: columns[.subAccountId] ?? "",
        service: columns[.serviceName] ?? "(no service)"
      )
      items[key, default: (0, 0)].amount += group.amount
      items[key, default: (0, 0)].charges += group.charges
    }
    return items.map {
      MonthSummary.UnallocatedItem(
        provider: $0.key.provider,
        subAccount: $0.key.subAccount,
        service: $0.key.service,
        amount: $0.value.amount,
        charges: $0.value.charges
      )
    }
    .sorted {
      $0.amount != $1.amount
        ? $0.amount > $1.amount
        : ($0.provider, $0.subAccount, $0.service) < ($1.provider, $1.subAccount, $1.service)
    }
  }

  /// The services and sub-accounts whose spend grew most, largest increase first.
  static func movers(_ current: MonthAllocation, _ previous: MonthAllocation, limit: Int)
    -> [MonthSummary.Mover]
  {
    func totals(_ allocation: MonthAllocation, _ key: (ChargeAttributes) -> String)
      -> [String: Int128]
    {
      var result: [String: Int128] = [:]
      for group in allocation.groups { result[key(group.attributes), default: 0] += group.amount }
      return result
    }
    let service: (ChargeAttributes) -> String = { $0.columns[.serviceName] ?? "(no service)" }
    let account: (ChargeAttributes) -> String = {
      "\($0.columns[.providerName] ?? "(no provider)") \($0.columns[.subAccountId] ?? "-")"
    }
    var movers: [MonthSummary.Mover] = []
    for (kind, key) in [("service", service), ("sub-account", account)] {
      let now = totals(current, key)
      let before = totals(previous, key)
      var increases: [MonthSummary.Mover] = []
      for name in Set(now.keys).union(before.keys) {
        let mover = MonthSummary.Mover(
          kind: kind,
          name: name,
          previous: before[name] ?? 0,
          current: now[name] ?? 0
        )
        if mover.change > 0 { increases.append(mover) }
      }
      increases.sort { $0.change != $1.change ? $0.change > $1.change : $0.name < $1.name }
      movers += increases.prefix(limit)
    }
    return movers
  }
}

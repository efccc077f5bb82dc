import GRDB

/// Reads daily usage-based spend per team or pilot, service and sub-account, for anomalies.
///
/// Only usage charges count (`ChargeCategory` Usage and a usage-based or unknown frequency):
/// monthly fees and purchases booked on one day are expected, not anomalies. Teams and pilots
/// get the spend their rules own directly; shared splits are left out (they follow the teams'
/// own spend anyway).
struct DailySpendQuery {
  let configuration: FinOpsConfiguration
  let engine: AllocationEngine

  /// The series and the last day with usage data in `days`.
  func series(days: ClosedRange<Int>, in database: SpendDatabase) throws(AllocationError)
    -> (series: [AlertContext.DailySeries], lastDay: Int?)
  {
    var columns = Set<ChargeColumn>([.serviceName, .subAccountId, .subAccountName])
    for matcher in configuration.rules.map(\.when) + configuration.shared.map(\.when) {
      columns.formUnion(matcher.columns)
      if matcher.readsTags { columns.insert(.tags) }
    }
    for rule in configuration.rules {
      switch rule.target {
      case .team(let template), .pilot(let template):
        if template.contains("{tags.") { columns.insert(.tags) }
        for column in ChargeColumn.allCases where template.contains("{\(column.configKey)}") {
          columns.insert(column)
        }
      }
    }
    columns.subtract([.billingCurrency, .extras, .billedCost, .effectiveCost])
    let perCharge = columns.filter(\.isPerCharge).sorted { $0.rawValue < $1.rawValue }
    let profile = columns.filter { !$0.isPerCharge }.sorted { $0.rawValue < $1.rawValue }
    let cost = configuration.costBasis == .effective ? "effectiveCostNanos" : "billedCostNanos"
    let groupBy = (["profileId", "chargePeriodStart / 86400"] + perCharge.map(\.sqlName))
      .joined(separator: ", ")
    let selected =
      ["g.day", "g.amount", "p.billingCurrency"] + profile.map { "p.\($0.sqlName)" }
      + perCharge.map { "g.\($0.sqlName)" }
    var months: [Int] = []
    var month = Timestamp.monthKey(Int64(days.upperBound) * 86_400)
    let firstMonth = Timestamp.monthKey(Int64(days.lowerBound) * 86_400)
    while month >= firstMonth {
      months.append(month)
      month = AlertMonth.previous(month)
    }
    let sql = """
      SELECT \(selected.joined(separator: ", "))
      FROM (SELECT profileId, chargePeriodStart / 86400 AS day, \
      \(perCharge.map { "\($0.sqlName), " }.joined())SUM(\(cost)) AS amount
            FROM charge
            WHERE month IN (\(months.map(String.init).joined(separator: ",")))
              AND chargePeriodStart >= ? AND chargePeriodStart < ?
            GROUP BY \(groupBy)) g
      JOIN chargeProfile p ON p.id = g.profileId
      WHERE COALESCE(p.chargeCategory, 'Usage') = 'Usage'
        AND (p.chargeFrequency IS NULL OR p.chargeFrequency = 'Usage-Based')
      """
    var amounts: [String: (label: String, days: [Int: Int128])] = [:]
    var lastDay: Int?
    let rows: [Row]
    do {
      rows = try database.writer.read { db in
        try Row.fetchAll(
          db,
          sql: sql,
          arguments: [Int64(days.lowerBound) * 86_400, Int64(days.upperBound + 1) * 86_400]
        )
      }
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    for row in rows {
      let day = Int(row[0] as Int64)
      let currency: String = row[2]
      let amount = try engine.convert(Int128(row[1] as Int64), from: currency)
      var values: [ChargeColumn: String] = [:]
      for (offset, column) in (profile + perCharge).enumerated() {
        if let text = Self.text(row[3 + offset], column) { values[column] = text }
      }
      let attributes = ChargeAttributes.from(columns: values)
      lastDay = max(lastDay ?? day, day)
      var subjects: [(String, String)] = []
      if case .rule(_, let owner) = engine.decide(attributes) {
        subjects.append((owner.description, "\(owner.kindName) '\(Self.id(of: owner))'"))
      }
      if let service = values[.serviceName] {
        subjects.append(("service:\(service)", "service '\(service)'"))
      }
      if let account = values[.subAccountId] {
        let name = values[.subAccountName].map { " (\($0))" } ?? ""
        subjects.append(("sub_account:\(account)", "sub-account '\(account)'\(name)"))
      }
      for (subject, label) in subjects {
        amounts[subject, default: (label, [:])].days[day, default: 0] += amount
      }
    }
    let series = amounts.keys.sorted().compactMap { key in
      amounts[key].map { AlertContext.DailySeries(subject: key, label: $0.label, amounts: $0.days) }
    }
    return (series, lastDay)
  }

  private static func id(of owner: Owner) -> String {
    switch owner {
    case .team(let id), .pilot(let id): return id
    case .unallocated: return "unallocated"
    }
  }

  /// A stored value as the text rules compare against (timestamps as ISO 8601).
  private static func text(_ value: DatabaseValue, _ column: ChargeColumn) -> String? {
    switch value.storage {
    case .null, .blob: return nil
    case .string(let text): return text
    case .int64(let integer):
      return column.kind == .timestamp ? Timestamp.iso8601(integer) : String(integer)
    case .double(let double): return String(double)
    }
  }
}

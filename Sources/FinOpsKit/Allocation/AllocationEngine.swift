import GRDB

/// Applies `finops.yaml` to a month of charges.
///
/// Shared costs are checked first (a matching charge is split, not owned), then the rules in
/// order (the first that matches owns the charge), and what remains is unallocated. Charges are
/// read grouped by profile, so the rules run once per distinct combination of the attributes
/// they read, not once per charge. Nothing is stored: every run reflects the configuration and
/// data as they are now.
public struct AllocationEngine: Sendable {
  /// The configuration applied.
  public let configuration: FinOpsConfiguration
  private let readColumns: [ChargeColumn]
  /// The columns (and whether tags) the rules and shared costs read: the key of their cache.
  private let ruleColumns: Set<ChargeColumn>
  private let rulesReadTags: Bool
  private let teamIds: Set<String>
  private let pilotIds: Set<String>

  /// Columns always read, for coverage, the largest unallocated items and reports (AI spend by
  /// category and model, and the models behind a pilot's cost per 1M tokens).
  static let reportedColumns: [ChargeColumn] = [
    .providerName, .subAccountId, .subAccountName, .serviceName, .serviceCategory,
    .aiCategory, .chargeDescription, .skuMeter, .skuId,
  ]

  /// Prepares an engine.
  /// - Parameter configuration: The configuration to apply.
  public init(configuration: FinOpsConfiguration) {
    self.configuration = configuration
    var columns = Set<ChargeColumn>()
    for matcher in configuration.rules.map(\.when) + configuration.shared.map(\.when) {
      columns.formUnion(matcher.columns)
      if matcher.readsTags { columns.insert(.tags) }
    }
    for rule in configuration.rules {
      let template: String
      switch rule.target {
      case .team(let id), .pilot(let id): template = id
      }
      if template.contains("{tags.") { columns.insert(.tags) }
      for column in ChargeColumn.allCases where template.contains("{\(column.configKey)}") {
        columns.insert(column)
      }
    }
    columns.remove(.billingCurrency)
    columns.remove(.extras)
    rulesReadTags = columns.remove(.tags) != nil
    ruleColumns = columns
    if rulesReadTags { columns.insert(.tags) }
    columns.formUnion(Self.reportedColumns)
    readColumns = columns.sorted { $0.rawValue < $1.rawValue }
    teamIds = Set(configuration.teams.map(\.id))
    pilotIds = Set(configuration.pilots.map(\.id))
  }

  /// Allocates one month.
  /// - Parameters:
  ///   - month: The month as `YYYYMM`.
  ///   - database: The charges.
  /// - Returns: The allocation.
  /// - Throws: `AllocationError` for a currency without a rate or a database failure.
  public func allocate(month: Int, in database: SpendDatabase) throws(AllocationError)
    -> MonthAllocation
  {
    try allocate(month: month, in: database, selection: .all)
  }

  /// Allocates the charges of one month that a selection keeps (for a month in progress or a
  /// run-rate window).
  /// - Parameters:
  ///   - month: The month as `YYYYMM`.
  ///   - database: The charges.
  ///   - selection: Which of the month's charges to read.
  /// - Returns: The allocation of the selected charges.
  /// - Throws: `AllocationError` for a currency without a rate or a database failure.
  public func allocate(month: Int, in database: SpendDatabase, selection: ChargeSelection)
    throws(AllocationError) -> MonthAllocation
  {
    do {
      return try database.writer.read { db in
        try allocate(month: month, selection: selection, db: db)
      }
    } catch let error as AllocationError {
      throw error
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
  }

  /// Allocates inside an open read transaction, so that several reads (a report's months,
  /// its forecast) see one consistent snapshot even while an ingest commits.
  /// - Parameters:
  ///   - month: The month as `YYYYMM`.
  ///   - selection: Which of the month's charges to read.
  ///   - db: A connection inside a read (or write) transaction.
  /// - Returns: The allocation of the selected charges.
  /// - Throws: `AllocationError` for a currency without a rate or a database failure.
  public func allocate(month: Int, selection: ChargeSelection = .all, db: Database)
    throws(AllocationError) -> MonthAllocation
  {
    var groups: [MonthAllocation.Group] = []
    var decisions: [ChargeAttributes: AllocationDecision] = [:]
    var evaluations = 0
    for raw in try fetchGroups(month: month, selection: selection, db) {
      let amount = try convert(raw.amount, from: raw.currency)
      // Rules run once per distinct combination of the attributes they read.
      let key = ChargeAttributes(
        columns: raw.attributes.columns.filter { ruleColumns.contains($0.key) },
        tags: rulesReadTags ? raw.attributes.tags : [:]
      )
      let decision: AllocationDecision
      if let known = decisions[key] {
        decision = known
      } else {
        decision = decide(key)
        decisions[key] = decision
      }
      evaluations = decisions.count
      groups.append(
        .init(
          attributes: raw.attributes,
          amount: amount,
          charges: raw.charges,
          decision: decision,
          profileId: raw.profileId
        )
      )
    }
    var allocation = try settle(month: month, groups: groups)
    allocation.ruleEvaluations = evaluations
    return allocation
  }

  /// Where a charge with these attributes goes.
  /// - Parameter attributes: The charge's attributes.
  /// - Returns: The decision.
  public func decide(_ attributes: ChargeAttributes) -> AllocationDecision {
    for shared in configuration.shared where shared.when.matches(attributes) {
      return .shared(name: shared.name)
    }
    for rule in configuration.rules where rule.when.matches(attributes) {
      if let owner = owner(of: rule, for: attributes) {
        return .rule(name: rule.name, owner: owner)
      }
    }
    return .unallocated
  }

  /// The configured owner a rule names for a charge, or `nil` when its template names nothing.
  func owner(of rule: FinOpsConfiguration.Rule, for attributes: ChargeAttributes) -> Owner? {
    switch rule.target {
    case .team(let template):
      guard let id = attributes.fill(template), teamIds.contains(id) else { return nil }
      return .team(id)
    case .pilot(let template):
      guard let id = attributes.fill(template), pilotIds.contains(id) else { return nil }
      return .pilot(id)
    }
  }

  // MARK: - Settling

  private func settle(month: Int, groups: [MonthAllocation.Group]) throws(AllocationError)
    -> MonthAllocation
  {
    var direct: [Owner: Int128] = [:]
    var sharedAmounts: [String: Int128] = [:]
    for group in groups {
      switch group.decision {
      case .rule(_, let owner): direct[owner, default: 0] += group.amount
      case .shared(let name): sharedAmounts[name, default: 0] += group.amount
      case .unallocated: direct[.unallocated, default: 0] += group.amount
      }
    }
    var byOwner = direct
    var splits: [MonthAllocation.SharedSplit] = []
    for shared in configuration.shared {
      guard let amount = sharedAmounts[shared.name] else { continue }
      let targets = shared.among.isEmpty ? configuration.teams.map(\.id) : shared.among
      guard !targets.isEmpty else {
        byOwner[.unallocated, default: 0] += amount
        continue
      }
      let weights: [Int128]
      let method: String
      switch shared.split {
      case .even:
        method = "even"
        weights = targets.map { _ in 1 }
      case .proportional:
        method = "proportional"
        weights = targets.map { max(0, direct[.team($0)] ?? 0) }
      case .fixed(let fixed):
        method = "fixed"
        weights = targets.map { Int128(fixed[$0] ?? 0) }
      }
      guard let whole = Int64(exactly: amount) else {
        throw .overflow("shared cost '\(shared.name)'")
      }
      let parts = ExactSplit.split(whole, weights: weights)
      var shares: [(String, Int128)] = []
      for (team, part) in zip(targets, parts) {
        byOwner[.team(team), default: 0] += Int128(part)
        shares.append((team, Int128(part)))
      }
      splits.append(.init(name: shared.name, method: method, amount: amount, shares: shares))
    }
    return MonthAllocation(
      month: month,
      currency: configuration.currency,
      costBasis: configuration.costBasis,
      groups: groups,
      sharedSplits: splits,
      direct: direct,
      byOwner: byOwner
    )
  }

  /// Converts nano-units of a billing currency to the reporting currency, half to even.
  func convert(_ amount: Int128, from currency: String) throws(AllocationError) -> Int128 {
    try configuration.toReportingCurrency(amount, from: currency)
  }

  // MARK: - Reading

  private struct RawGroup {
    var profileId: Int64
    var attributes: ChargeAttributes
    var currency: String
    var amount: Int128
    var charges: Int64
  }

  private func fetchGroups(month: Int, selection: ChargeSelection, _ db: Database)
    throws(AllocationError) -> [RawGroup]
  {
    let perCharge = readColumns.filter(\.isPerCharge)
    let profile = readColumns.filter { !$0.isPerCharge }
    let cost =
      configuration.costBasis == .effective ? "effectiveCostNanos" : "billedCostNanos"
    let groupBy = (["profileId"] + perCharge.map(\.sqlName)).joined(separator: ", ")
    let selected =
      ["p.id"] + profile.map { "p.\($0.sqlName)" } + ["p.billingCurrency"]
      + perCharge.map { "g.\($0.sqlName)" }
    let filter = selection.sql
    let sql = """
      SELECT \(selected.joined(separator: ", ")), g.amount, g.charges
      FROM (SELECT \(groupBy), SUM(\(cost)) AS amount, COUNT(*) AS charges
            FROM charge WHERE month = ?\(filter.conditions) GROUP BY \(groupBy)) g
      JOIN chargeProfile p ON p.id = g.profileId
      """
    let arguments = StatementArguments([month.databaseValue] + filter.arguments)
    do {
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
        var columns: [ChargeColumn: String] = [:]
        let profileId: Int64 = row[0]
        var index = 1
        for column in profile {
          if let value = Self.text(row[index], column) { columns[column] = value }
          index += 1
        }
        let currency: String = row[index]
        index += 1
        for column in perCharge {
          if let value = Self.text(row[index], column) { columns[column] = value }
          index += 1
        }
        let amount: Int64 = row[index]
        let charges: Int64 = row[index + 1]
        return RawGroup(
          profileId: profileId,
          attributes: ChargeAttributes.from(columns: columns),
          currency: currency,
          amount: Int128(amount),
          charges: charges
        )
      }
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
  }

  /// A stored value as the text rules compare against (timestamps as ISO 8601).
  private static func text(_ value: DatabaseValue, _ column: ChargeColumn) -> String? {
    switch value.storage {
    case .null: return nil
    case .string(let text): return text
    case .int64(let integer):
      return column.kind == .timestamp ? Timestamp.iso8601(integer) : String(integer)
    case .double(let double): return String(double)
    case .blob: return nil
    }
  }
}

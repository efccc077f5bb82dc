import GRDB

/// `finops explain`: why a charge went where it went, rule by rule.
public struct AllocationExplainer: Sendable {
  /// The engine whose decisions are explained.
  public let engine: AllocationEngine
  /// The configuration file, for `file:line` references.
  public let configurationPath: String

  /// Creates an explainer.
  /// - Parameters:
  ///   - engine: The engine.
  ///   - configurationPath: The configuration file name.
  public init(engine: AllocationEngine, configurationPath: String) {
    self.engine = engine
    self.configurationPath = configurationPath
  }

  /// Explains the decision for a charge's attributes, one line per shared cost and rule tried.
  /// - Parameter attributes: The charge's attributes.
  /// - Returns: The lines, ending with the outcome.
  public func explain(_ attributes: ChargeAttributes) -> [String] {
    let configuration = engine.configuration
    var lines: [String] = []
    for shared in configuration.shared {
      let place = location(shared.line)
      if let reason = shared.when.firstMismatch(attributes) {
        lines.append("\(place)shared cost '\(shared.name)': no, \(reason)")
        continue
      }
      lines.append("\(place)shared cost '\(shared.name)': yes, split \(shared.split)")
      lines.append("=> shared '\(shared.name)'")
      return lines
    }
    for rule in configuration.rules {
      let place = location(rule.line)
      if let reason = rule.when.firstMismatch(attributes) {
        lines.append("\(place)rule '\(rule.name)': no, \(reason)")
        continue
      }
      guard let owner = engine.owner(of: rule, for: attributes) else {
        let (kind, template): (String, String)
        switch rule.target {
        case .team(let value): (kind, template) = ("team", value)
        case .pilot(let value): (kind, template) = ("pilot", value)
        }
        let filled = attributes.fill(template).map { "'\($0)'" } ?? "nothing"
        lines.append(
          "\(place)rule '\(rule.name)': matched, but '\(template)' gives \(filled), which is no "
            + "configured \(kind); trying the next rule"
        )
        continue
      }
      lines.append("\(place)rule '\(rule.name)': yes")
      lines.append("=> \(owner)")
      return lines
    }
    lines.append("=> unallocated (no shared cost or rule matched)")
    return lines
  }

  /// The attributes of one charge by its id, as the engine reads them.
  /// - Parameters:
  ///   - id: The charge id (`focusCharge.id`).
  ///   - database: The database.
  /// - Returns: A description of the charge and its attributes, or `nil` if there is no such id.
  /// - Throws: `StoreError` on database failure.
  public static func charge(id: Int64, in database: SpendDatabase) throws(StoreError) -> (
    summary: String, attributes: ChargeAttributes
  )? {
    try fetch(where: "id = ?", arguments: [id], database)
  }

  /// The attributes of the largest charge of a resource in a month.
  /// - Parameters:
  ///   - resourceId: The resource.
  ///   - month: The month (`YYYYMM`).
  ///   - database: The database.
  /// - Returns: A description and the attributes, or `nil` if the resource has no charge then.
  /// - Throws: `StoreError` on database failure.
  public static func resource(_ resourceId: String, month: Int, in database: SpendDatabase)
    throws(StoreError) -> (summary: String, attributes: ChargeAttributes)?
  {
    try fetch(
      where: "resourceId = ? AND month = ? ORDER BY ABS(effectiveCostNanos) DESC",
      arguments: [resourceId, month],
      database
    )
  }

  private static func fetch(
    where condition: String,
    arguments: StatementArguments,
    _ database: SpendDatabase
  ) throws(StoreError) -> (summary: String, attributes: ChargeAttributes)? {
    let columns = ChargeColumn.allCases.filter { $0 != .extras }
    let sql =
      "SELECT id, sourceLine, " + columns.map(\.sqlName).joined(separator: ", ")
      + " FROM focusCharge WHERE \(condition) LIMIT 1"
    do {
      return try database.writer.read { db in
        guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments) else { return nil }
        var values: [ChargeColumn: String] = [:]
        for (offset, column) in columns.enumerated() {
          let value: DatabaseValue = row[offset + 2]
          switch value.storage {
          case .string(let text): values[column] = text
          case .int64(let integer):
            values[column] =
              column.kind == .timestamp
              ? Timestamp.iso8601(integer)
              : column.kind == .money ? Money.exact(Int128(integer)) : String(integer)
          case .double(let double): values[column] = String(double)
          case .null, .blob: break
          }
        }
        let summary =
          "charge \(row[0] as Int64) (source line \(row[1] as Int64)): "
          + "\(values[.serviceName] ?? "?"), sub-account \(values[.subAccountId] ?? "?"), "
          + "effective cost \(values[.effectiveCost] ?? "?") \(values[.billingCurrency] ?? "")"
          + aiSummary(values)
        return (summary, ChargeAttributes.from(columns: values))
      }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
  }

  /// `, AI category gpu-compute (1.0 x NVIDIA A10G)` or `, not AI`.
  private static func aiSummary(_ values: [ChargeColumn: String]) -> String {
    guard let category = values[.aiCategory] else { return ", not AI" }
    var text = ", AI category \(category)"
    if let count = values[.acceleratorCount], let model = values[.acceleratorModel] {
      text += " (\(count) x \(model) per instance)"
    }
    return text
  }

  private func location(_ line: Int?) -> String {
    line.map { "\(configurationPath):\($0): " } ?? ""
  }
}

extension FinOpsConfiguration.Split: CustomStringConvertible {
  /// `even`, `proportional` or `fixed`.
  public var description: String {
    switch self {
    case .even: return "even"
    case .proportional: return "proportional"
    case .fixed: return "fixed"
    }
  }
}

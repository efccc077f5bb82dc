import Foundation
import GRDB

/// Classifies charges as AI: the first matching rule gives the category, and for GPU and
/// accelerator instances the accelerator table gives accelerators per instance.
///
/// User rules (from `--ai-rules` or `ai.rules` in `finops.yaml`) are tried before the built-in
/// rules of `importers/ai/ai-classification.yaml`, so a user rule overrides a built-in one; a
/// rule with `category: none` marks what it matches as not AI. The classifier runs once per
/// distinct profile at ingest, and remembers its answers for each distinct combination of the
/// values its rules read, so most new profiles cost one dictionary lookup.
public final class AIClassifier {
  /// The outcome for one charge profile.
  public struct Result: Sendable, Equatable {
    /// The category, or `nil` when the charge is not AI.
    public var category: AICategory?
    /// The rule that decided (`nil` when none matched).
    public var ruleId: String?
    /// The instance type's accelerators, when the rule looks them up and the text names one.
    public var accelerator: AcceleratorTable.Entry?

    /// Creates a result.
    public init(
      category: AICategory? = nil,
      ruleId: String? = nil,
      accelerator: AcceleratorTable.Entry? = nil
    ) {
      self.category = category
      self.ruleId = ruleId
      self.accelerator = accelerator
    }
  }

  /// The rules, user rules first.
  public let rules: [AIRule]
  /// The accelerator table, user rows included.
  public let accelerators: AcceleratorTable
  /// The columns whose text names an instance type, in the order they are searched.
  public static let instanceTextColumns: [ChargeColumn] = [
    .skuMeter, .chargeDescription, .skuId, .skuPriceDetails, .resourceType,
  ]

  /// The most answers remembered; past it the memory starts over.
  static let cacheLimit = 20_000

  private let readKeys: [AIRule.Key]
  private let extraKeys: [String]
  private let readsTags: Bool
  private var decisions: [[String?]: Int?] = [:]
  private var lookups: [[String?]: AcceleratorTable.Entry?] = [:]

  /// Creates a classifier.
  /// - Parameters:
  ///   - rules: The rules in the order they are tried.
  ///   - accelerators: The accelerator table.
  public init(rules: [AIRule], accelerators: AcceleratorTable) {
    self.rules = rules
    self.accelerators = accelerators
    var keys: [AIRule.Key] = []
    for rule in rules {
      for key in rule.keys.sorted(by: { $0.description < $1.description }) where !keys.contains(key)
      {
        keys.append(key)
      }
    }
    readKeys = keys
    extraKeys = keys.compactMap {
      if case .extra(let name) = $0 { return name }
      return nil
    }
    readsTags = keys.contains {
      if case .tag = $0 { return true }
      return false
    }
  }

  /// The built-in rules and table, with a user rule file tried first.
  /// - Parameter user: A parsed user file, or `nil`.
  /// - Returns: The classifier.
  /// - Throws: `ConfigurationError` if the embedded files are invalid (a build defect).
  public static func builtIn(adding user: AIRuleFile? = nil) throws(ConfigurationError)
    -> AIClassifier
  {
    var rules: [AIRule] = user?.rules ?? []
    var table = AcceleratorTable()
    for (name, text) in BuiltinAIRules.files {
      let path = "importers/ai/\(name)"
      if name.hasSuffix(".yaml") {
        rules += try AIRuleFile.parse(yaml: text, path: path).rules
      } else if name.hasSuffix(".csv") {
        for entry in try AcceleratorTable.parse(csv: text, path: path).entries { table.add(entry) }
      }
    }
    for entry in user?.accelerators ?? [] { table.add(entry) }
    return AIClassifier(rules: rules, accelerators: table)
  }

  /// The built-in rules and table alone.
  /// - Returns: The classifier.
  public static func standard() -> AIClassifier {
    do {
      return try builtIn()
    } catch {
      // The embedded files are checked by the test suite; reaching this is a build defect.
      preconditionFailure("the built-in AI rules are invalid: \(error)")
    }
  }

  /// The built-in classifier with the user rule file at `path`, if any.
  /// - Parameter path: A user rule file, or `nil` for the built-in rules alone.
  /// - Returns: The classifier.
  /// - Throws: `ConfigurationError` for an unreadable or invalid file.
  public static func load(userRules path: String?) throws(ConfigurationError) -> AIClassifier {
    guard let path else { return try builtIn() }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ConfigurationError(
        path: path,
        line: nil,
        message: "cannot read AI rule file",
        note: "check the path given with --ai-rules or 'ai.rules' in finops.yaml"
      )
    }
    return try builtIn(adding: AIRuleFile.parse(yaml: text, path: path))
  }

  /// Classifies a charge.
  /// - Parameters:
  ///   - column: The charge's value of a column, or `nil` when it has none.
  ///   - extras: The charge's `x_Extras` JSON text, if any.
  /// - Returns: The category, deciding rule and accelerators.
  public func classify(column: (ChargeColumn) -> String?, extras: String?) -> Result {
    let extraValues = extraKeys.isEmpty ? [:] : Self.values(of: extraKeys, in: extras)
    let tags = readsTags ? Self.values(of: nil, in: column(.tags)) : [:]
    func value(_ key: AIRule.Key) -> String? {
      switch key {
      case .column(let name): return column(name)
      case .tag(let name): return tags[name]
      case .extra(let name): return extraValues[name]
      }
    }
    let key = readKeys.map(value)
    let ruleIndex: Int?
    if let known = decisions[key] {
      ruleIndex = known
    } else {
      ruleIndex = rules.firstIndex { $0.matches(value) }
      // Bounded like the writer's profile map, whatever the input.
      if decisions.count >= Self.cacheLimit { decisions.removeAll() }
      decisions[key] = ruleIndex
    }
    guard let ruleIndex else { return Result() }
    let rule = rules[ruleIndex]
    guard rule.findsAccelerators, rule.category != nil else {
      return Result(category: rule.category, ruleId: rule.id)
    }
    var texts = Self.instanceTextColumns.map(column)
    texts.append(extras)
    let entry: AcceleratorTable.Entry?
    if let known = lookups[texts] {
      entry = known
    } else {
      entry = accelerators.lookup(texts.compactMap { $0 })
      if lookups.count >= Self.cacheLimit { lookups.removeAll() }
      lookups[texts] = entry
    }
    return Result(category: rule.category, ruleId: rule.id, accelerator: entry)
  }

  /// Classifies every stored charge again with this classifier, in one transaction (after the
  /// rules changed: re-ingesting the same files would be skipped as already imported).
  /// - Parameter database: The database.
  /// - Returns: The number of charge profiles whose classification changed.
  /// - Throws: `StoreError` on database failure.
  public func reclassify(_ database: SpendDatabase) throws(StoreError) -> Int {
    do {
      return try database.writer.write { db in try Self.reclassify(db, with: self) }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
  }

  /// Classifies every stored profile again (after a rules change, or when the AI columns were
  /// added), reading each profile's first charge for its extras.
  /// - Parameters:
  ///   - db: A database connection inside a write transaction.
  ///   - classifier: The classifier to apply.
  /// - Returns: The number of profiles whose classification changed.
  /// - Throws: Database errors.
  @discardableResult
  public static func reclassify(_ db: Database, with classifier: AIClassifier) throws -> Int {
    var extrasByProfile: [Int64: String] = [:]
    if !classifier.extraKeys.isEmpty || classifier.rules.contains(where: \.findsAccelerators) {
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT profileId, MIN(id), extras FROM charge WHERE extras IS NOT NULL
          GROUP BY profileId
          """
      )
      while let row = try rows.next() { extrasByProfile[row[0]] = row[2] }
    }
    let columns = ChargeColumn.profile
    let sql =
      "SELECT id, " + columns.map(\.sqlName).joined(separator: ", ") + " FROM chargeProfile"
    var updates: [(Int64, Result)] = []
    let rows = try Row.fetchCursor(db, sql: sql)
    while let row = try rows.next() {
      let id: Int64 = row[0]
      var values: [ChargeColumn: String] = [:]
      for (offset, column) in columns.enumerated() {
        let stored: DatabaseValue = row[offset + 1]
        switch stored.storage {
        case .string(let text): values[column] = text
        case .int64(let integer): values[column] = String(integer)
        case .double(let double): values[column] = String(double)
        case .null, .blob: break
        }
      }
      let result = classifier.classify(column: { values[$0] }, extras: extrasByProfile[id])
      let unchanged =
        values[.aiCategory] == result.category?.rawValue
        && values[.acceleratorModel] == result.accelerator?.model
        && values[.acceleratorCount].flatMap(Double.init) == result.accelerator?.count
      if !unchanged { updates.append((id, result)) }
    }
    for (id, result) in updates {
      try db.execute(
        sql: """
          UPDATE chargeProfile SET aiCategory = ?, acceleratorCount = ?, acceleratorModel = ?
          WHERE id = ?
          """,
        arguments: [
          result.category?.rawValue, result.accelerator?.count, result.accelerator?.model, id,
        ]
      )
    }
    return updates.count
  }

  /// String values of a JSON object's keys (all keys when `keys` is `nil`); numbers as text.
  private static func values(of keys: [String]?, in json: String?) -> [String: String] {
    guard let json, !json.isEmpty else { return [:] }
    if let keys, !keys.contains(where: { json.contains("\"\($0)\"") }) { return [:] }
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    else { return [:] }
    var values: [String: String] = [:]
    for (key, value) in object where keys?.contains(key) ?? true {
      switch value {
      case let text as String: values[key] = text
      case let number as NSNumber: values[key] = number.stringValue
      default: continue
      }
    }
    return values
  }
}

import Yams

/// The contents of an AI classification file (`importers/ai/ai-classification.yaml` or a user
/// file given with `--ai-rules` or `ai.rules` in `finops.yaml`): ordered rules and, optionally,
/// rows that add to the accelerator table.
public struct AIRuleFile: Sendable, Equatable {
  /// The rules, in file order (the first match wins).
  public var rules: [AIRule]
  /// Accelerator table rows that add to (or replace) the built-in ones.
  public var accelerators: [AcceleratorTable.Entry]

  /// Parses a rule file.
  /// - Parameters:
  ///   - yaml: The YAML text.
  ///   - path: The file name used in messages and kept as each rule's source.
  /// - Returns: The rules and accelerator rows.
  /// - Throws: `ConfigurationError` naming the line of an invalid rule, key or pattern.
  public static func parse(yaml: String, path: String) throws(ConfigurationError) -> AIRuleFile {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: yaml) else { return AIRuleFile() }
      root = node
    } catch {
      throw ConfigurationError(path: path, line: nil, message: "invalid YAML: \(error)")
    }
    var reader = YAMLNodeReader(path: path, node: root)
    guard root.mapping != nil else {
      throw reader.error("an AI rule file must be a mapping with 'rules' (and 'accelerators')")
    }
    var file = AIRuleFile()
    if let version = try reader.string("version"), version != "1" {
      throw reader.error(
        "unsupported AI rule file version '\(version)'",
        note: "this finops reads version 1"
      )
    }
    var ids: Set<String> = []
    for item in try list(reader.value("rules"), "rules", reader) {
      var ruleReader = YAMLNodeReader(path: path, node: item)
      let rule = try parseRule(&ruleReader, source: path)
      guard ids.insert(rule.id).inserted else {
        throw ruleReader.error("rule id '\(rule.id)' is used twice")
      }
      file.rules.append(rule)
    }
    for item in try list(reader.value("accelerators"), "accelerators", reader) {
      var rowReader = YAMLNodeReader(path: path, node: item)
      file.accelerators.append(try parseAccelerator(&rowReader))
    }
    try rejectUnknown(reader, known: ["version", "rules", "accelerators"], in: "the rule file")
    return file
  }

  /// Creates an empty file.
  public init(rules: [AIRule] = [], accelerators: [AcceleratorTable.Entry] = []) {
    self.rules = rules
    self.accelerators = accelerators
  }

  // MARK: - Parsing

  private static func parseRule(_ reader: inout YAMLNodeReader, source: String)
    throws(ConfigurationError) -> AIRule
  {
    guard reader.node.mapping != nil else { throw reader.error("each rule must be a mapping") }
    let id = try reader.requiredString("id", in: "a rule")
    let categoryText = try reader.requiredString("category", in: "rule '\(id)'")
    let category: AICategory?
    if categoryText == "none" {
      category = nil
    } else if let known = AICategory(rawValue: categoryText) {
      category = known
    } else {
      let names = AICategory.allCases.map(\.rawValue) + ["none"]
      throw reader.error(
        "rule '\(id)': unknown category '\(categoryText)'",
        at: reader.node.mapping?["category"],
        note: "use one of \(names.joined(separator: ", "))"
      )
    }
    let findsAccelerators = try reader.bool("accelerators") ?? false
    _ = try reader.string("note")
    guard let when = reader.value("when") else { throw reader.error("rule '\(id)' needs 'when'") }
    var alternatives: [[AIRule.Condition]] = []
    if let sequence = when.sequence {
      for item in sequence { alternatives.append(try conditions(item, rule: id, reader)) }
    } else {
      alternatives.append(try conditions(when, rule: id, reader))
    }
    guard !alternatives.isEmpty, alternatives.allSatisfy({ !$0.isEmpty }) else {
      throw reader.error("rule '\(id)': 'when' needs at least one condition", at: when)
    }
    try rejectUnknown(
      reader,
      known: ["id", "category", "accelerators", "when", "note"],
      in: "rule '\(id)'"
    )
    return AIRule(
      id: id,
      source: source,
      line: reader.line,
      category: category,
      findsAccelerators: findsAccelerators,
      alternatives: alternatives
    )
  }

  private static func conditions(_ node: Node, rule: String, _ reader: YAMLNodeReader)
    throws(ConfigurationError) -> [AIRule.Condition]
  {
    let when = YAMLNodeReader(path: reader.path, node: node)
    var conditions: [AIRule.Condition] = []
    for (key, value) in try when.entries("rule '\(rule)': 'when'") {
      let parsedKey: AIRule.Key
      if key.hasPrefix("tags."), key.count > 5 {
        parsedKey = .tag(String(key.dropFirst(5)))
      } else if key.hasPrefix("extras."), key.count > 7 {
        parsedKey = .extra(String(key.dropFirst(7)))
      } else if let column = ChargeColumn.named(key), column.configKey == key, !column.isDerived,
        column != .extras, column != .tags
      {
        parsedKey = .column(column)
      } else {
        let known = ChargeColumn.allCases.filter { !$0.isDerived }.map(\.configKey)
        throw when.error(
          "rule '\(rule)': '\(key)' is not a charge column, 'tags.KEY' or 'extras.KEY'",
          at: node.mapping?.first { $0.key.string == key }?.key,
          note: YAMLNodeReader.closest(to: key, in: known).map { "did you mean '\($0)'?" }
        )
      }
      var patterns: [ValuePattern] = []
      for text in try YAMLNodeReader.stringList(value, key: key, reader: when) {
        do {
          patterns.append(try ValuePattern(text))
        } catch {
          throw when.error(
            "rule '\(rule)': '\(text)' is not a valid regular expression",
            at: value
          )
        }
      }
      conditions.append(AIRule.Condition(key: parsedKey, patterns: patterns))
    }
    return conditions
  }

  private static func parseAccelerator(_ reader: inout YAMLNodeReader)
    throws(ConfigurationError) -> AcceleratorTable.Entry
  {
    guard reader.node.mapping != nil else {
      throw reader.error("each accelerator row must be a mapping")
    }
    let instance = try reader.requiredString("instance_type", in: "an accelerator row")
    let model = try reader.requiredString("model", in: "accelerator row '\(instance)'")
    let countText = try reader.requiredString("count", in: "accelerator row '\(instance)'")
    guard let count = AcceleratorTable.count(countText) else {
      throw reader.error(
        "accelerator row '\(instance)': count must be a positive number, not '\(countText)'",
        at: reader.node.mapping?["count"]
      )
    }
    let provider = try reader.string("provider") ?? ""
    try rejectUnknown(
      reader,
      known: ["instance_type", "model", "count", "provider"],
      in: "accelerator row '\(instance)'"
    )
    return AcceleratorTable.Entry(
      provider: provider,
      instanceType: instance,
      count: count,
      model: model
    )
  }

  private static func list(_ node: Node?, _ key: String, _ reader: YAMLNodeReader)
    throws(ConfigurationError) -> [Node]
  {
    guard let node else { return [] }
    guard let sequence = node.sequence else {
      throw reader.error("'\(key)' must be a list", at: node)
    }
    return Array(sequence)
  }

  /// Rule files are strict: a misspelt key would silently change what is AI.
  private static func rejectUnknown(_ reader: YAMLNodeReader, known: [String], in what: String)
    throws(ConfigurationError)
  {
    if let warning = reader.unknownKeys(known: known, in: what).first {
      throw ConfigurationError(path: warning.path, line: warning.line, message: warning.message)
    }
  }
}

import Foundation
import Yams

/// Reads and validates `finops.yaml`, pointing every error at its line and key.
public enum ConfigurationLoader {
  /// Loads a configuration file.
  /// - Parameter path: The file.
  /// - Returns: The configuration and the warnings (unknown keys) found in it.
  /// - Throws: `ConfigurationError` for an unreadable or invalid file.
  public static func load(path: String) throws(ConfigurationError) -> (
    FinOpsConfiguration, [ConfigurationWarning]
  ) {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ConfigurationError(
        path: path,
        line: nil,
        message: "cannot read configuration file",
        note: "create it (see 'finops demo' for an example) or pass --config PATH"
      )
    }
    return try parse(yaml: text, path: path)
  }

  /// Parses configuration text.
  /// - Parameters:
  ///   - yaml: The YAML text.
  ///   - path: The file name used in messages.
  /// - Returns: The configuration and its warnings.
  /// - Throws: `ConfigurationError` for invalid YAML or invalid settings.
  public static func parse(yaml: String, path: String) throws(ConfigurationError) -> (
    FinOpsConfiguration, [ConfigurationWarning]
  ) {
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: yaml) else { return (FinOpsConfiguration(), []) }
      root = node
    } catch let error as YamlError {
      throw ConfigurationError(path: path, line: line(of: error), message: "invalid YAML: \(error)")
    } catch {
      throw ConfigurationError(path: path, line: nil, message: "invalid YAML: \(error)")
    }
    var parser = Parser(path: path)
    let configuration = try parser.parse(root)
    return (configuration, parser.warnings)
  }

  private static func line(of error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    default:
      return nil
    }
  }

  private struct Parser {
    let path: String
    var warnings: [ConfigurationWarning] = []
    var innovationLine: Int?

    init(path: String) { self.path = path }

    mutating func parse(_ root: Node) throws(ConfigurationError) -> FinOpsConfiguration {
      var reader = YAMLNodeReader(path: path, node: root)
      _ = try reader.entries("the configuration")
      var configuration = FinOpsConfiguration()
      _ = reader.value("version")
      if let currency = try reader.string("currency") { configuration.currency = currency }
      if let fx = reader.child("fx") {
        for (currency, node) in try fx.entries("'fx'") {
          let rate = try YAMLNodeReader.decimal(node, key: "fx.\(currency)", reader: fx)
          guard rate > 0 else {
            throw fx.error("rate for '\(currency)' must be positive", at: node)
          }
          configuration.fx[currency] = rate
        }
      }
      if let basis = try reader.string("cost_basis") {
        guard let value = FinOpsConfiguration.CostBasis(rawValue: basis) else {
          throw reader.error(
            "cost_basis must be 'effective' or 'billed', not '\(basis)'",
            at: reader.node.mapping?["cost_basis"]
          )
        }
        configuration.costBasis = value
      }
      if var innovation = reader.child("innovation") {
        if let target = try innovation.decimal("target") { configuration.innovationTarget = target }
        configuration.innovationTeams = try innovation.strings("teams") ?? []
        innovationLine = innovation.node.mapping?["teams"]?.mark?.line
        warnings += innovation.unknownKeys(known: ["target", "teams"], in: "'innovation'")
      }
      if var ai = reader.child("ai") {
        if let flag = try ai.bool("count_gpu_compute") { configuration.countGPUCompute = flag }
        if let rules = try ai.string("rules") {
          configuration.aiRules =
            rules.hasPrefix("/")
            ? rules
            : URL(fileURLWithPath: path).deletingLastPathComponent()
              .appendingPathComponent(rules).path
        }
        warnings += ai.unknownKeys(known: ["count_gpu_compute", "rules"], in: "'ai'")
      }
      for var item in try items(reader.value("teams"), what: "teams") {
        configuration.teams.append(try parseTeam(&item))
      }
      for var item in try items(reader.value("pilots"), what: "pilots") {
        configuration.pilots.append(try parsePilot(&item))
      }
      for var item in try items(reader.value("rules"), what: "rules") {
        configuration.rules.append(try parseRule(&item))
      }
      for var item in try items(reader.value("shared"), what: "shared") {
        configuration.shared.append(try parseShared(&item))
      }
      if var alerts = reader.child("alerts") {
        _ = try alerts.entries("'alerts'")
        var alertsParser = AlertsConfigurationParser()
        configuration.alerts = try alertsParser.parse(&alerts)
        warnings += alertsParser.warnings
      }
      warnings += reader.unknownKeys(
        known: [
          "version", "currency", "fx", "cost_basis", "innovation", "ai", "teams", "pilots", "rules",
          "shared", "alerts",
        ],
        in: "the configuration"
      )
      try ConfigurationValidator(
        path: path,
        configuration: configuration,
        innovationLine: innovationLine
      ).validate()
      return configuration
    }

    private func items(_ node: Node?, what: String) throws(ConfigurationError)
      -> [YAMLNodeReader]
    {
      guard let node else { return [] }
      guard let sequence = node.sequence else {
        throw ConfigurationError(
          path: path,
          line: node.mark?.line,
          message: "'\(what)' must be a list"
        )
      }
      var readers: [YAMLNodeReader] = []
      for item in sequence {
        let reader = YAMLNodeReader(path: path, node: item)
        _ = try reader.entries("an entry of '\(what)'")
        readers.append(reader)
      }
      return readers
    }

    private mutating func parseTeam(_ reader: inout YAMLNodeReader) throws(ConfigurationError)
      -> FinOpsConfiguration.Team
    {
      let id = try reader.requiredString("id", in: "a team")
      let team = FinOpsConfiguration.Team(
        id: id,
        name: try reader.string("name") ?? id,
        monthlyBudget: try budget(&reader, "monthly_budget", owner: "team '\(id)'"),
        line: reader.line
      )
      warnings += reader.unknownKeys(known: ["id", "name", "monthly_budget"], in: "team '\(id)'")
      return team
    }

    private mutating func parsePilot(_ reader: inout YAMLNodeReader) throws(ConfigurationError)
      -> FinOpsConfiguration.Pilot
    {
      let id = try reader.requiredString("id", in: "a pilot")
      let pilot = FinOpsConfiguration.Pilot(
        id: id,
        name: try reader.string("name") ?? id,
        team: try reader.requiredString("team", in: "pilot '\(id)'"),
        monthlyBudget: try budget(&reader, "monthly_budget", owner: "pilot '\(id)'"),
        totalBudget: try budget(&reader, "total_budget", owner: "pilot '\(id)'"),
        start: try month(&reader, "start"),
        end: try month(&reader, "end"),
        line: reader.line
      )
      warnings += reader.unknownKeys(
        known: ["id", "name", "team", "monthly_budget", "total_budget", "start", "end"],
        in: "pilot '\(id)'"
      )
      return pilot
    }

    private func budget(_ reader: inout YAMLNodeReader, _ key: String, owner: String)
      throws(ConfigurationError) -> Int64?
    {
      guard let value = try reader.decimal(key) else { return nil }
      guard value >= 0 else {
        throw reader.error(
          "'\(key)' of \(owner) must not be negative",
          at: reader.node.mapping?[key]
        )
      }
      return value
    }

    private func month(_ reader: inout YAMLNodeReader, _ key: String) throws(ConfigurationError)
      -> Int?
    {
      guard let text = try reader.string(key) else { return nil }
      let parts = text.split(separator: "-")
      guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
        let month = Int(parts[1]), (1...12).contains(month)
      else {
        throw reader.error(
          "'\(key)' must be a month like 2026-07, not '\(text)'",
          at: reader.node.mapping?[key]
        )
      }
      return year * 100 + month
    }

    private mutating func parseRule(_ reader: inout YAMLNodeReader) throws(ConfigurationError)
      -> FinOpsConfiguration.Rule
    {
      let name = try reader.string("name") ?? "rule at line \(reader.line ?? 0)"
      let team = try reader.string("team")
      let pilot = try reader.string("pilot")
      let target: FinOpsConfiguration.RuleTarget
      switch (team, pilot) {
      case (let team?, nil): target = .team(team)
      case (nil, let pilot?): target = .pilot(pilot)
      case (nil, nil): throw reader.error("rule '\(name)' needs 'team' or 'pilot'")
      case (_?, _?): throw reader.error("rule '\(name)' has both 'team' and 'pilot'; keep one")
      }
      let rule = FinOpsConfiguration.Rule(
        name: name,
        line: reader.line,
        when: try matcher(&reader, owner: "rule '\(name)'"),
        target: target
      )
      warnings += reader.unknownKeys(
        known: ["name", "when", "team", "pilot"],
        in: "rule '\(name)'"
      )
      return rule
    }

    private mutating func parseShared(_ reader: inout YAMLNodeReader) throws(ConfigurationError)
      -> FinOpsConfiguration.SharedCost
    {
      let name = try reader.string("name") ?? "shared cost at line \(reader.line ?? 0)"
      let method = try reader.string("split") ?? "proportional"
      let split: FinOpsConfiguration.Split
      switch method {
      case "even": split = .even
      case "proportional": split = .proportional
      case "fixed":
        guard let weights = reader.child("weights") else {
          throw reader.error("shared cost '\(name)' splits 'fixed' but has no 'weights'")
        }
        var values: [String: Int64] = [:]
        for (team, node) in try weights.entries("'weights'") {
          values[team] = try YAMLNodeReader.decimal(node, key: "weights.\(team)", reader: weights)
        }
        split = .fixed(values)
      default:
        throw reader.error(
          "split must be 'even', 'proportional' or 'fixed', not '\(method)'",
          at: reader.node.mapping?["split"]
        )
      }
      if case .fixed = split {
      } else if reader.value("weights") != nil {
        warnings.append(
          ConfigurationWarning(
            path: path,
            line: reader.node.mapping?["weights"]?.mark?.line,
            message: "'weights' of shared cost '\(name)' are ignored: they apply to "
              + "'split: fixed' only"
          )
        )
      }
      let shared = FinOpsConfiguration.SharedCost(
        name: name,
        line: reader.line,
        when: try matcher(&reader, owner: "shared cost '\(name)'"),
        split: split,
        among: try reader.strings("among") ?? []
      )
      warnings += reader.unknownKeys(
        known: ["name", "when", "split", "among", "weights"],
        in: "shared cost '\(name)'"
      )
      return shared
    }

    private func matcher(_ reader: inout YAMLNodeReader, owner: String) throws(ConfigurationError)
      -> ChargeMatcher
    {
      guard let when = reader.child("when") else {
        throw reader.error("\(owner) needs a 'when' block")
      }
      var conditions: [ChargeMatcher.Condition] = []
      for (key, node) in try when.entries("'when'") {
        if key == "tags" {
          let tags = YAMLNodeReader(path: path, node: node)
          for (tag, patterns) in try tags.entries("'when.tags'") {
            conditions.append(
              .init(key: .tag(tag), patterns: try compile(patterns, key: "tags.\(tag)", tags))
            )
          }
          continue
        }
        guard let column = ChargeColumn.named(key), column.configKey == key else {
          let known = ChargeColumn.allCases.map(\.configKey) + ["tags"]
          let suggestion = YAMLNodeReader.closest(to: key, in: known)
          throw when.error(
            "'\(key)' is not a charge column or 'tags'",
            at: when.node.mapping?.first { $0.key.string == key }?.key,
            note: suggestion.map { "did you mean '\($0)'?" }
          )
        }
        conditions.append(
          .init(key: .column(column), patterns: try compile(node, key: key, when))
        )
      }
      return ChargeMatcher(conditions: conditions)
    }

    private func compile(_ node: Node, key: String, _ reader: YAMLNodeReader)
      throws(ConfigurationError) -> [ValuePattern]
    {
      var patterns: [ValuePattern] = []
      for text in try YAMLNodeReader.stringList(node, key: key, reader: reader) {
        do {
          patterns.append(try ValuePattern(text))
        } catch {
          throw reader.error("'\(key)' has an invalid regular expression '\(text)'", at: node)
        }
      }
      return patterns
    }
  }
}

/// Cross-checks a parsed configuration: ids are unique, every reference names something that
/// exists, budgets and weights make sense.
struct ConfigurationValidator {
  let path: String
  let configuration: FinOpsConfiguration
  var innovationLine: Int?

  func validate() throws(ConfigurationError) {
    let teams = try uniqueIds(configuration.teams.map { ($0.id, $0.line) }, kind: "team")
    let pilots = try uniqueIds(configuration.pilots.map { ($0.id, $0.line) }, kind: "pilot")
    for pilot in configuration.pilots where !teams.contains(pilot.team) {
      throw unknown(
        "team",
        pilot.team,
        known: teams,
        line: pilot.line,
        owner: "pilot '\(pilot.id)'"
      )
    }
    for pilot in configuration.pilots {
      if let start = pilot.start, let end = pilot.end, end < start {
        throw ConfigurationError(
          path: path,
          line: pilot.line,
          message: "pilot '\(pilot.id)' ends before it starts"
        )
      }
    }
    for rule in configuration.rules {
      switch rule.target {
      case .team(let id):
        try checkTarget(id, kind: "team", known: teams, line: rule.line, rule: rule.name)
      case .pilot(let id):
        try checkTarget(id, kind: "pilot", known: pilots, line: rule.line, rule: rule.name)
      }
    }
    for team in configuration.innovationTeams where !teams.contains(team) {
      throw unknown("team", team, known: teams, line: innovationLine, owner: "innovation.teams")
    }
    for shared in configuration.shared {
      for team in shared.among where !teams.contains(team) {
        throw unknown(
          "team",
          team,
          known: teams,
          line: shared.line,
          owner: "shared cost '\(shared.name)'"
        )
      }
      guard case .fixed(let weights) = shared.split else { continue }
      let among = shared.among.isEmpty ? teams : Set(shared.among)
      for team in weights.keys.sorted() where !among.contains(team) {
        throw ConfigurationError(
          path: path,
          line: shared.line,
          message: "shared cost '\(shared.name)' weighs '\(team)', which is not among its teams"
        )
      }
      if weights.values.contains(where: { $0 < 0 }) {
        throw ConfigurationError(
          path: path,
          line: shared.line,
          message: "shared cost '\(shared.name)' has a negative weight"
        )
      }
      if weights.values.allSatisfy({ $0 == 0 }) {
        throw ConfigurationError(
          path: path,
          line: shared.line,
          message: "shared cost '\(shared.name)' has weights that are all zero",
          note: "give at least one team a positive weight, or use 'split: even'"
        )
      }
    }
  }

  private func uniqueIds(_ ids: [(String, Int?)], kind: String) throws(ConfigurationError)
    -> Set<String>
  {
    var seen = Set<String>()
    for (id, line) in ids {
      guard seen.insert(id).inserted else {
        throw ConfigurationError(
          path: path,
          line: line,
          message: "\(kind) '\(id)' is defined twice"
        )
      }
    }
    return seen
  }

  /// A fixed target must exist; a template (`{tags.pilot}`) must be well formed.
  private func checkTarget(_ id: String, kind: String, known: Set<String>, line: Int?, rule: String)
    throws(ConfigurationError)
  {
    guard id.contains("{") || id.contains("}") else {
      if !known.contains(id) {
        throw unknown(kind, id, known: known, line: line, owner: "rule '\(rule)'")
      }
      return
    }
    var rest = Substring(id)
    while let open = rest.firstIndex(of: "{") {
      guard let close = rest[open...].firstIndex(of: "}") else {
        throw ConfigurationError(
          path: path,
          line: line,
          message: "rule '\(rule)' has an unclosed '{' in '\(id)'"
        )
      }
      let name = String(rest[rest.index(after: open)..<close])
      let valid =
        (name.hasPrefix("tags.") && name.count > 5)
        || ChargeColumn.named(name).map { $0.configKey == name } == true
      guard valid else {
        throw ConfigurationError(
          path: path,
          line: line,
          message: "rule '\(rule)' uses '{\(name)}', which is not 'tags.KEY' or a charge column"
        )
      }
      rest = rest[rest.index(after: close)...]
    }
    if rest.contains("}") {
      throw ConfigurationError(path: path, line: line, message: "rule '\(rule)' has a stray '}'")
    }
  }

  private func unknown(_ kind: String, _ id: String, known: Set<String>, line: Int?, owner: String)
    -> ConfigurationError
  {
    let suggestion = YAMLNodeReader.closest(to: id, in: known.sorted())
    let list = known.sorted().joined(separator: ", ")
    return ConfigurationError(
      path: path,
      line: line,
      message: "\(owner) names unknown \(kind) '\(id)'",
      note: suggestion.map { "did you mean '\($0)'?" }
        ?? (known.isEmpty ? "no \(kind)s are configured" : "known \(kind)s: \(list)")
    )
  }
}

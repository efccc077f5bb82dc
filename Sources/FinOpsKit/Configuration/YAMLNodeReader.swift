import Yams

/// Typed, located access to a YAML mapping: every error names the file and line, and keys that
/// nobody asked for are reported as warnings with a suggestion.
struct YAMLNodeReader {
  let path: String
  let node: Node
  private(set) var used: Set<String> = []

  init(path: String, node: Node) {
    self.path = path
    self.node = node
  }

  var line: Int? { node.mark?.line }

  func error(_ message: String, at node: Node? = nil, note: String? = nil) -> ConfigurationError {
    ConfigurationError(
      path: path,
      line: (node ?? self.node).mark?.line,
      message: message,
      note: note
    )
  }

  /// The mapping's entries, or an error if the node is not a mapping.
  func entries(_ what: String) throws(ConfigurationError) -> [(key: String, value: Node)] {
    guard let mapping = node.mapping else {
      throw error("\(what) must be a mapping of keys to values")
    }
    return mapping.map { ($0.key.string ?? "", $0.value) }
  }

  mutating func value(_ key: String) -> Node? {
    used.insert(key)
    return node.mapping?[key]
  }

  mutating func string(_ key: String) throws(ConfigurationError) -> String? {
    guard let value = value(key) else { return nil }
    return try Self.scalar(value, key: key, reader: self)
  }

  mutating func requiredString(_ key: String, in what: String) throws(ConfigurationError) -> String
  {
    guard let text = try string(key), !text.isEmpty else {
      throw error("\(what) needs '\(key)'")
    }
    return text
  }

  mutating func strings(_ key: String) throws(ConfigurationError) -> [String]? {
    guard let value = value(key) else { return nil }
    return try Self.stringList(value, key: key, reader: self)
  }

  mutating func bool(_ key: String) throws(ConfigurationError) -> Bool? {
    guard let value = value(key) else { return nil }
    guard let flag = value.bool else {
      throw error("'\(key)' must be true or false, not '\(value.string ?? "")'", at: value)
    }
    return flag
  }

  /// A decimal number, exactly, in nano-units.
  mutating func decimal(_ key: String) throws(ConfigurationError) -> Int64? {
    guard let value = value(key) else { return nil }
    return try Self.decimal(value, key: key, reader: self)
  }

  mutating func child(_ key: String) -> YAMLNodeReader? {
    value(key).map { YAMLNodeReader(path: path, node: $0) }
  }

  /// Warnings for keys not read, with the closest known key as a suggestion.
  func unknownKeys(known: [String], in what: String) -> [ConfigurationWarning] {
    guard let mapping = node.mapping else { return [] }
    return mapping.compactMap { entry in
      guard let key = entry.key.string, !used.contains(key) else { return nil }
      var message = "unknown key '\(key)' in \(what)"
      if let suggestion = Self.closest(to: key, in: known) {
        message += " (did you mean '\(suggestion)'?)"
      }
      return ConfigurationWarning(path: path, line: entry.key.mark?.line, message: message)
    }
  }

  static func scalar(_ node: Node, key: String, reader: YAMLNodeReader) throws(ConfigurationError)
    -> String
  {
    guard let text = node.scalar?.string else {
      throw reader.error("'\(key)' must be a single value", at: node)
    }
    return text
  }

  static func stringList(_ node: Node, key: String, reader: YAMLNodeReader)
    throws(ConfigurationError) -> [String]
  {
    if let text = node.scalar?.string { return [text] }
    guard let sequence = node.sequence else {
      throw reader.error("'\(key)' must be a value or a list of values", at: node)
    }
    var values: [String] = []
    for item in sequence {
      guard let text = item.scalar?.string else {
        throw reader.error("'\(key)' must list plain values", at: item)
      }
      values.append(text)
    }
    return values
  }

  static func decimal(_ node: Node, key: String, reader: YAMLNodeReader)
    throws(ConfigurationError) -> Int64
  {
    let text = try scalar(node, key: key, reader: reader)
    do {
      return try ScaledDecimal.parse(text.replacingOccurrences(of: "_", with: ""), scale: 9)
    } catch {
      throw reader.error("'\(key)' must be a number, not '\(text)'", at: node)
    }
  }

  /// The known word within two edits of `word`, if any.
  static func closest(to word: String, in known: [String]) -> String? {
    let candidates = known.map { ($0, distance(word.lowercased(), $0.lowercased())) }
      .filter { $0.1 <= max(2, word.count / 3) }
      .sorted { $0.1 < $1.1 }
    return candidates.first?.0
  }

  private static func distance(_ left: String, _ right: String) -> Int {
    let a = Array(left)
    let b = Array(right)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1,
          current[j - 1] + 1,
          previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        )
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// Sources that read inside a column holding a JSON object (CUR 2.0's `resource_tags` and
/// `product` maps): one key's value, and tags collected from the object's keys.
extension MappingPlan {
  /// A JSON-object column whose keys become tags, with the key rewriting rules for it.
  struct JSONTagSource {
    /// The column.
    var index: Int
    /// Rules in mapping order: a key starting with `prefix` is kept as `keyPrefix` + the rest
    /// (`keyPrefix` is already escaped for JSON); a key that no rule matches is dropped.
    var rules: [(prefix: [UInt8], keyPrefix: [UInt8])]
  }

  /// Resolves the `collect` entries that name a `json` column, one source per column present.
  static func jsonTagSources(
    _ prefixes: [ImporterMapping.FieldSource.TagPrefix],
    index: [String: Int],
    used: inout Set<Int>
  ) -> [JSONTagSource] {
    var sources: [JSONTagSource] = []
    for entry in prefixes {
      guard let name = entry.json, let column = index[name.lowercased()] else { continue }
      used.insert(column)
      var escapedKeyPrefix: [UInt8] = []
      var keyPrefix = entry.keyPrefix ?? ""
      keyPrefix.withUTF8 { JSONText.appendEscaped($0, to: &escapedKeyPrefix) }
      let rule = (prefix: Array(entry.prefix.utf8), keyPrefix: escapedKeyPrefix)
      if let existing = sources.firstIndex(where: { $0.index == column }) {
        sources[existing].rules.append(rule)
      } else {
        sources.append(JSONTagSource(index: column, rules: [rule]))
      }
    }
    return sources
  }

  /// Appends the tags read from JSON-object columns to an object being built in `buffer` (which
  /// is empty or holds an opened object with members, without its closing brace).
  ///
  /// Empty values are left out, like empty tag columns.
  /// - Throws: `RowError` when a column is not a JSON object or not valid UTF-8.
  func appendJSONTags(
    _ sources: [JSONTagSource],
    _ reader: CSVReader,
    into buffer: inout [UInt8]
  ) throws(RowError) {
    for source in sources where !reader.isNull(source.index) {
      let bytes = reader.field(source.index)
      try checkText(bytes, column: source.index, position: 0)
      let valid = try FlatJSONObject.forEachMember(bytes) { member throws(RowError) in
        guard member.value.count > 0,
          let rule = source.rules.first(where: { member.key.starts(with: $0.prefix) }),
          member.key.count > rule.prefix.count || !rule.keyPrefix.isEmpty
        else { return }
        buffer.append(buffer.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: rule.keyPrefix)
        buffer.append(contentsOf: member.key[rule.prefix.count...])
        buffer.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "\"")])
        if member.isString {
          buffer.append(contentsOf: member.value)
        } else {
          JSONText.appendEscaped(member.value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\""))
      }
      guard valid else {
        throw RowError(
          column: columnName(source.index),
          value: String(decoding: bytes.prefix(60), as: UTF8.self),
          reason: "is not a JSON object:"
        )
      }
    }
  }

  /// The value of one key of a JSON-object column on this row, unescaped, with the column's
  /// index for messages; `nil` when the column is null, the key is absent or its value empty.
  func jsonValue(column: Int, key: [UInt8], _ reader: CSVReader)
    -> (UnsafeBufferPointer<UInt8>, Int)?
  {
    guard !reader.isNull(column),
      let member = FlatJSONObject.member(key, in: reader.field(column)),
      member.value.count > 0
    else { return nil }
    guard member.isString, member.value.contains(UInt8(ascii: "\\")) else {
      return (member.value, column)
    }
    var text: [UInt8] = []
    guard FlatJSONObject.appendUnescaped(member.value, to: &text) else {
      return (member.value, column)
    }
    if text.count > unescaped.count {
      unescaped.deallocate()
      unescaped = .allocate(capacity: text.count * 2)
    }
    _ = unescaped.initialize(from: text)
    return (UnsafeBufferPointer(rebasing: unescaped[0..<text.count]), column)
  }

  /// The column a source reads on this row (following `cases` to the branch taken), for the
  /// message about an empty value.
  func valueColumn(_ source: Source?, _ reader: CSVReader) -> Int? {
    switch source {
    case .column(let index), .jsonValue(let index, _), .jsonMembers(let index), .nextDay(let index):
      return index
    case .cases(let by, let table, let otherwise):
      return valueColumn(branch(by, table, otherwise, reader), reader)
    case .first(let parts), .sum(let parts):
      return parts.lazy.compactMap { self.valueColumn($0, reader) }.first
    case .difference(let left, let right):
      return valueColumn(left, reader) ?? valueColumn(right, reader)
    case .constant, .collect, .absent, nil: return nil
    }
  }
}

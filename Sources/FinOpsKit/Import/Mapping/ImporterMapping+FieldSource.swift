extension ImporterMapping {
  /// Where a normalized field's value comes from, as written in a mapping file.
  ///
  /// - `BilledCost`: a column.
  /// - `{columns: [A, B], default: x}`: the first of the columns present in the header; the
  ///   constant `x` when none is present or the value is empty.
  /// - `{value: x}`: a constant.
  /// - `{sum: [a, b]}`, `{difference: [a, b]}`: arithmetic on money sources (null parts count
  ///   as zero; the result is null only when every part is null).
  /// - `{by: LineItemType, cases: {Tax: ..., Usage: ...}, else: ...}`: a source chosen by the
  ///   value of another column (case-sensitive); without `else` an unlisted value gives null.
  /// - `{collect: [{prefix: "resourceTags/user:"}, {prefix: "resourceTags/aws:", key_prefix:
  ///   "aws:"}]}`: a JSON object of every column whose name starts with a prefix, keyed by the
  ///   rest of the name (after `key_prefix`), for tag columns. An entry with `json: Column`
  ///   reads the keys of that column's JSON object instead of column names.
  /// - `{first: [a, b]}`: the first source that has a value on this row.
  /// - `{json: product, key: product_name}`: one key of a column holding a JSON object.
  /// - `{json_members: Tags}`: a JSON object written with or without its braces (Azure writes
  ///   `"env": "prod","team": "search"`).
  /// - `{next_day: Date}`: a date plus one day, for inclusive end dates.
  public indirect enum FieldSource: Codable, Sendable, Equatable {
    /// The first column present in the header, with a constant for empty values.
    case columns([String], defaultValue: String?)
    /// A constant.
    case constant(String)
    /// The sum of money sources.
    case sum([FieldSource])
    /// The first money source minus the second.
    case difference(FieldSource, FieldSource)
    /// A source chosen by another column's value.
    case cases(by: String, cases: [String: FieldSource], otherwise: FieldSource?)
    /// A JSON object built from columns sharing a prefix.
    case collect([TagPrefix])
    /// A column holding a JSON object whose surrounding braces may be missing.
    case jsonMembers(String)
    /// A date column plus one day.
    case nextDay(String)
    /// The first source with a value on the row.
    case first([FieldSource])
    /// One key of a column holding a JSON object.
    case jsonValue(column: String, key: String)

    /// A family of columns that become one JSON object.
    public struct TagPrefix: Codable, Sendable, Equatable {
      /// The column name prefix (`resourceTags/user:`).
      public var prefix: String
      /// Put before each key (`aws:` keeps AWS-generated tags apart).
      public var keyPrefix: String?
      /// A column holding a JSON object whose keys are matched instead of column names.
      public var json: String?

      /// Creates a tag prefix.
      /// - Parameters:
      ///   - prefix: The column name prefix.
      ///   - keyPrefix: Put before each key.
      ///   - json: A JSON-object column whose keys are matched instead of column names.
      public init(prefix: String, keyPrefix: String? = nil, json: String? = nil) {
        self.prefix = prefix
        self.keyPrefix = keyPrefix
        self.json = json
      }

      enum CodingKeys: String, CodingKey {
        case prefix, json
        case keyPrefix = "key_prefix"
      }
    }

    enum CodingKeys: String, CodingKey {
      case column, columns, value, sum, difference, by, cases, collect, first, json, key
      case jsonMembers = "json_members"
      case nextDay = "next_day"
      case defaultValue = "default"
      case otherwise = "else"
    }

    /// Decodes any of the shapes listed on the type.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for other shapes.
    public init(from decoder: any Decoder) throws {
      if let single = try? decoder.singleValueContainer().decode(String.self) {
        self = .columns([single], defaultValue: nil)
        return
      }
      let container = try decoder.container(keyedBy: CodingKeys.self)
      if let value = try container.decodeIfPresent(String.self, forKey: .value) {
        self = .constant(value)
      } else if let parts = try container.decodeIfPresent([FieldSource].self, forKey: .sum) {
        self = .sum(parts)
      } else if let parts = try container.decodeIfPresent(
        [FieldSource].self,
        forKey: .difference
      ) {
        guard parts.count == 2 else {
          throw DecodingError.dataCorruptedError(
            forKey: .difference,
            in: container,
            debugDescription: "difference takes exactly two sources"
          )
        }
        self = .difference(parts[0], parts[1])
      } else if let by = try container.decodeIfPresent(String.self, forKey: .by) {
        self = .cases(
          by: by,
          cases: try container.decode([String: FieldSource].self, forKey: .cases),
          otherwise: try container.decodeIfPresent(FieldSource.self, forKey: .otherwise)
        )
      } else if let prefixes = try container.decodeIfPresent([TagPrefix].self, forKey: .collect) {
        self = .collect(prefixes)
      } else if let parts = try container.decodeIfPresent([FieldSource].self, forKey: .first) {
        self = .first(parts)
      } else if let column = try container.decodeIfPresent(String.self, forKey: .json) {
        self = .jsonValue(column: column, key: try container.decode(String.self, forKey: .key))
      } else if let column = try container.decodeIfPresent(String.self, forKey: .jsonMembers) {
        self = .jsonMembers(column)
      } else if let column = try container.decodeIfPresent(String.self, forKey: .nextDay) {
        self = .nextDay(column)
      } else {
        var columns = try container.decodeIfPresent([String].self, forKey: .columns) ?? []
        if let column = try container.decodeIfPresent(String.self, forKey: .column) {
          columns.insert(column, at: 0)
        }
        self = .columns(
          columns,
          defaultValue: try container.decodeIfPresent(String.self, forKey: .defaultValue)
        )
      }
    }

    /// Encodes in the object form.
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError`.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      switch self {
      case .columns(let columns, let defaultValue):
        try container.encode(columns, forKey: .columns)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
      case .constant(let value): try container.encode(value, forKey: .value)
      case .sum(let parts): try container.encode(parts, forKey: .sum)
      case .difference(let left, let right):
        try container.encode([left, right], forKey: .difference)
      case .cases(let by, let cases, let otherwise):
        try container.encode(by, forKey: .by)
        try container.encode(cases, forKey: .cases)
        try container.encodeIfPresent(otherwise, forKey: .otherwise)
      case .collect(let prefixes): try container.encode(prefixes, forKey: .collect)
      case .jsonMembers(let column): try container.encode(column, forKey: .jsonMembers)
      case .nextDay(let column): try container.encode(column, forKey: .nextDay)
      case .first(let parts): try container.encode(parts, forKey: .first)
      case .jsonValue(let column, let key):
        try container.encode(column, forKey: .json)
        try container.encode(key, forKey: .key)
      }
    }

    /// The columns whose values can become the field's value (not the `by` columns that only
    /// choose a branch), for `not_null`.
    var valueColumns: [String] {
      switch self {
      case .cases(_, let cases, let otherwise):
        return cases.keys.sorted().flatMap { cases[$0]?.valueColumns ?? [] }
          + (otherwise?.valueColumns ?? [])
      case .sum(let parts), .first(let parts): return parts.flatMap(\.valueColumns)
      case .difference(let left, let right): return left.valueColumns + right.valueColumns
      default: return referencedColumns
      }
    }

    /// Every column name the source reads (for the `used` set and messages).
    var referencedColumns: [String] {
      switch self {
      case .columns(let columns, _): return columns
      case .jsonMembers(let column), .nextDay(let column): return [column]
      case .constant: return []
      case .collect(let prefixes): return prefixes.compactMap(\.json)
      case .jsonValue(let column, _): return [column]
      case .sum(let parts), .first(let parts): return parts.flatMap(\.referencedColumns)
      case .difference(let left, let right):
        return left.referencedColumns + right.referencedColumns
      case .cases(let by, let cases, let otherwise):
        return [by] + cases.keys.sorted().flatMap { cases[$0]?.referencedColumns ?? [] }
          + (otherwise?.referencedColumns ?? [])
      }
    }
  }
}

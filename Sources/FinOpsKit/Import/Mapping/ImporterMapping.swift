/// The schema of a declarative importer mapping (`importers/<id>.yaml`).
///
/// A mapping says how to recognize a CSV export by its header, which columns each format version
/// requires, and which source column feeds each normalized charge field. `importers/README.md`
/// documents every key with an example.
public struct ImporterMapping: Codable, Sendable, Equatable {
  /// The importer id (`focus`).
  public var id: String
  /// A human name.
  public var displayName: String
  /// One sentence on what it reads.
  public var summary: String
  /// Fixture cases that document and test the mapping.
  public var examples: [String]
  /// Columns that must all be present for the file to be recognized.
  public var detect: [String]
  /// Format versions, most specific first; the first whose signature matches is chosen.
  public var versions: [Version]
  /// How `a/b/YYYY` dates are read.
  public var slashDates: Timestamp.SlashDateOrder?
  /// Normalized field (configuration key, `billed_cost`) to source.
  public var fields: [String: FieldSource]
  /// Source columns never kept, not even as extras.
  public var ignore: [String]?

  /// One version of a format.
  public struct Version: Codable, Sendable, Equatable {
    /// The version label (`1.2`).
    public var version: String
    /// Columns of which at least one must be present for this version; empty matches any.
    public var signature: [String]?
    /// Columns that must be present in the header.
    public var required: [String]
    /// Columns whose values must not be null.
    public var notNull: [String]?

    enum CodingKeys: String, CodingKey {
      case version, signature, required
      case notNull = "not_null"
    }
  }

  /// Where a normalized field's value comes from.
  public struct FieldSource: Codable, Sendable, Equatable {
    /// Candidate source columns, the first present in the header is used.
    public var columns: [String]
    /// A constant used when no candidate column is present or the value is null.
    public var defaultValue: String?

    enum CodingKeys: String, CodingKey {
      case column, columns
      case defaultValue = "default"
    }

    /// Creates a source.
    /// - Parameters:
    ///   - columns: Candidate columns.
    ///   - defaultValue: A constant fallback.
    public init(columns: [String], defaultValue: String? = nil) {
      self.columns = columns
      self.defaultValue = defaultValue
    }

    /// Decodes either a bare column name or `{column | columns, default}`.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for other shapes.
    public init(from decoder: any Decoder) throws {
      if let single = try? decoder.singleValueContainer().decode(String.self) {
        self.init(columns: [single])
        return
      }
      let container = try decoder.container(keyedBy: CodingKeys.self)
      var columns = try container.decodeIfPresent([String].self, forKey: .columns) ?? []
      if let column = try container.decodeIfPresent(String.self, forKey: .column) {
        columns.insert(column, at: 0)
      }
      self.init(
        columns: columns,
        defaultValue: try container.decodeIfPresent(String.self, forKey: .defaultValue)
      )
    }

    /// Encodes as `{columns, default}`.
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError`.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(columns, forKey: .columns)
      try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
    }
  }

  enum CodingKeys: String, CodingKey {
    case id, summary, examples, detect, versions, fields, ignore
    case displayName = "display_name"
    case slashDates = "slash_dates"
  }
}

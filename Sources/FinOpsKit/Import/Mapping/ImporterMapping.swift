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
  /// Text the file's path must contain (case-insensitively) for the file to be recognized, for
  /// formats whose header is the same as another's (Azure's actual and amortized cost).
  public var detectPathContains: [String]?
  /// Text the file's path must not contain (case-insensitively) for the file to be recognized.
  public var detectPathExcludes: [String]?
  /// Another format that holds a second view of the same charges, and which cost this one
  /// supplies while both are live for a billing account and period (`ComplementaryScopes`).
  public var complements: Complement?
  /// Format versions, most specific first; the first whose signature matches is chosen.
  public var versions: [Version]
  /// How `a/b/YYYY` dates are read.
  public var slashDates: Timestamp.SlashDateOrder?
  /// Normalized field (configuration key, `billed_cost`) to source.
  public var fields: [String: FieldSource]
  /// Source columns never kept, not even as extras.
  public var ignore: [String]?
  /// How the files of one delivery relate: `one-billing-period` means that every part of a
  /// delivery (the files of one folder or one manifest) covers the same billing period.
  public var parts: PartsRule?

  /// A rule on the part files delivered together.
  public enum PartsRule: String, Codable, Sendable, Equatable {
    /// All parts of a delivery cover one billing period (AWS CUR).
    case oneBillingPeriod = "one-billing-period"
  }

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

  enum CodingKeys: String, CodingKey {
    case id, summary, examples, detect, versions, fields, ignore, parts
    case displayName = "display_name"
    case slashDates = "slash_dates"
    case complements
    case detectPathContains = "detect_path_contains"
    case detectPathExcludes = "detect_path_excludes"
  }
}

extension ImporterMapping {
  /// Declares that a format is a second view of another format's charges: Azure's amortized
  /// cost file complements its actual cost file.
  public struct Complement: Codable, Sendable, Equatable {
    /// The other format's id.
    public var format: String
    /// The cost this format supplies while both are live: `billed_cost` or `effective_cost`;
    /// the other format supplies the other one.
    public var supplies: String

    /// The money column this format supplies, or `nil` for a value that names none.
    public var suppliedColumn: ChargeColumn? {
      switch supplies {
      case ChargeColumn.billedCost.configKey: return .billedCost
      case ChargeColumn.effectiveCost.configKey: return .effectiveCost
      default: return nil
      }
    }
  }
}

/// What an importer is, for `finops importers`, the docs and the registry tests.
public struct ImporterDescriptor: Sendable, Equatable, Codable {
  /// The kebab-case id used by `--format` and stored with every import (`focus`).
  public var id: String
  /// A human name (`FOCUS 1.0-1.2`).
  public var displayName: String
  /// One sentence on what the importer reads.
  public var summary: String
  /// The file kinds it reads.
  public var fileKinds: [FileKind]
  /// Names of fixture cases under `Tests/FinOpsKitTests/Fixtures/importers/<id>/` that document
  /// and test it.
  public var examples: [String]
  /// Whether the files of one delivery (one folder or manifest) must cover one billing period.
  public var partsShareBillingPeriod: Bool?

  /// Creates a descriptor.
  /// - Parameters:
  ///   - id: The kebab-case id.
  ///   - displayName: A human name.
  ///   - summary: One sentence.
  ///   - fileKinds: The file kinds read.
  ///   - examples: Fixture case names.
  ///   - partsShareBillingPeriod: Whether parts delivered together cover one billing period.
  public init(
    id: String,
    displayName: String,
    summary: String,
    fileKinds: [FileKind],
    examples: [String],
    partsShareBillingPeriod: Bool? = nil
  ) {
    self.partsShareBillingPeriod = partsShareBillingPeriod
    self.id = id
    self.displayName = displayName
    self.summary = summary
    self.fileKinds = fileKinds
    self.examples = examples
  }
}

/// The shape of an input file.
public enum FileKind: String, Sendable, Codable, Equatable {
  /// Comma-separated values with a header row (optionally gzip-compressed).
  case csv
  /// One JSON document (an API response page).
  case json
  /// One JSON object per line.
  case jsonl
}

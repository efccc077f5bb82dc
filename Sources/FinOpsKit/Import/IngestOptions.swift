/// What `finops ingest` was asked to do.
public struct IngestOptions: Sendable {
  /// Files and directories to import, as given.
  public var paths: [String]
  /// An importer id that overrides detection.
  public var format: String?
  /// Whether bad rows are set aside (kept with their reason) instead of failing the batch.
  public var skipBadRows: Bool
  /// The version of finops writing the batch.
  public var toolVersion: String

  /// Creates options.
  /// - Parameters:
  ///   - paths: Files and directories.
  ///   - format: An importer id, or `nil` to detect.
  ///   - skipBadRows: Whether to set bad rows aside.
  ///   - toolVersion: The finops version.
  public init(
    paths: [String],
    format: String? = nil,
    skipBadRows: Bool = false,
    toolVersion: String = FinOps.version
  ) {
    self.paths = paths
    self.format = format
    self.skipBadRows = skipBadRows
    self.toolVersion = toolVersion
  }
}

/// Facts about finops itself.
public enum FinOps {
  /// The tool version, stored with every import batch.
  public static let version = "0.1.0-dev"
}

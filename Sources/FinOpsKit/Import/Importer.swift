/// Reads one billing format into normalized charges.
///
/// There are two kinds: declarative mappings (`importers/*.yaml`, run by `MappingImporter`) and
/// code importers for shapes a mapping cannot express. Both are listed in `ImporterRegistry`.
public protocol Importer: Sendable {
  /// What the importer is.
  var descriptor: ImporterDescriptor { get }

  /// Decides from the start of a file whether this importer reads it.
  /// - Parameter sample: The file's header or first bytes.
  /// - Returns: A match with the detected format version, or a miss with what was lacking.
  func recognize(_ sample: FileSample) -> Recognition

  /// Imports every row of a file.
  /// - Parameters:
  ///   - file: The file, with its path and detected version.
  ///   - writer: Where rows go.
  ///   - rows: Decides what happens to a bad row (stop, or keep it aside and go on).
  /// - Throws: `ImportError` for a file that cannot be imported.
  func importFile(_ file: ImportFile, into writer: ChargeWriter, rows: RowPolicy)
    throws(ImportError)
}

/// Whether an importer reads a file.
public enum Recognition: Sendable, Equatable {
  /// The file is of this format (with its version, when the format has versions).
  case match(version: String?)
  /// The file is not of this format; `missing` lists the signature columns it lacks.
  case miss(missing: [String])
}

/// The start of a file, enough to recognize its format.
public struct FileSample: Sendable {
  /// The file's path.
  public var path: String
  /// The kind of file, from its content.
  public var kind: FileKind
  /// The CSV header fields, for CSV files.
  public var header: [String]
  /// The first bytes of the (decompressed) content, for JSON files.
  public var prefix: [UInt8]

  /// Creates a sample.
  /// - Parameters:
  ///   - path: The file's path.
  ///   - kind: The kind of file.
  ///   - header: The CSV header.
  ///   - prefix: The first bytes.
  public init(path: String, kind: FileKind, header: [String], prefix: [UInt8]) {
    self.path = path
    self.kind = kind
    self.header = header
    self.prefix = prefix
  }
}

/// A file chosen for import.
public struct ImportFile: Sendable {
  /// The file's path as given.
  public var path: String
  /// The version of the format detected in it.
  public var version: String?

  /// Creates an import file.
  /// - Parameters:
  ///   - path: The path.
  ///   - version: The detected version.
  public init(path: String, version: String?) {
    self.path = path
    self.version = version
  }
}

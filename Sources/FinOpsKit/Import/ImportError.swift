/// Errors that stop an import.
///
/// Every message names the file first, then the line when there is
/// one, in the compiler style: `exports/focus.csv:1043: error: [focus] column 'BilledCost' ...`.
public enum ImportError: Error, Sendable, CustomStringConvertible {
  /// A path given on the command line does not exist or holds no importable file.
  case noInput(path: String)
  /// The file could not be read.
  case input(InputError)
  /// The CSV itself is malformed.
  case csv(path: String, format: String?, CSVError)
  /// The file has no content at all.
  case emptyFile(path: String)
  /// No importer recognizes the file.
  case unknownFormat(path: String, header: [String], closest: [FormatCandidate])
  /// `--format` names no importer.
  case unknownFormatId(String, known: [String])
  /// The header lacks columns the format requires.
  case missingColumns(path: String, format: String, version: String?, columns: [String])
  /// A row has the wrong number of fields.
  case fieldCount(path: String, format: String, line: Int, expected: Int, actual: Int)
  /// A row's values are unusable.
  case badRow(path: String, format: String, line: Int, RowError)
  /// A whole-file or whole-batch rule was broken (for example mixed billing periods).
  case inconsistentBatch(path: String, format: String, reason: String)
  /// The database failed.
  case store(StoreError)
  /// A CUR manifest cannot be read or lists a part that is not there.
  case badManifest(path: String, reason: String)

  /// A format that might have fit, with the columns it missed.
  public struct FormatCandidate: Sendable, Equatable {
    /// The importer id.
    public var id: String
    /// The required columns absent from the header.
    public var missing: [String]

    /// Creates a candidate.
    /// - Parameters:
    ///   - id: The importer id.
    ///   - missing: The required columns absent from the header.
    public init(id: String, missing: [String]) {
      self.id = id
      self.missing = missing
    }
  }

  /// The path of the file at fault, when there is one.
  public var path: String? {
    switch self {
    case .noInput(let path), .csv(let path, _, _), .emptyFile(let path),
      .unknownFormat(let path, _, _), .missingColumns(let path, _, _, _),
      .fieldCount(let path, _, _, _, _), .badRow(let path, _, _, _),
      .inconsistentBatch(let path, _, _), .badManifest(let path, _):
      return path
    case .input, .unknownFormatId, .store: return nil
    }
  }

  /// The compiler-style message, possibly with `note:` lines after it.
  public var description: String {
    switch self {
    case .noInput(let path):
      return "\(path): error: no such file or directory, or no .csv, .csv.gz, .json or .jsonl "
        + "file in it"
    case .input(let error):
      return error.description
    case .csv(let path, let format, let error):
      let location = error.line.map { "\(path):\($0)" } ?? path
      if case .input(let inner) = error { return inner.description }
      return "\(location): error: \(tag(format))\(error.reason)"
    case .emptyFile(let path):
      return "\(path): error: file is empty (no header, no rows); the export may have been cut "
        + "short"
    case .unknownFormat(let path, let header, let closest):
      var text = "\(path): error: unknown format: no importer recognizes this file"
      let shown = header.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
      if !header.isEmpty {
        text += "\n\(path): note: header starts with \(shown)\(header.count > 8 ? ", ..." : "")"
      }
      for candidate in closest {
        let missing = candidate.missing.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        text +=
          "\n\(path): note: could be '\(candidate.id)', but it lacks \(missing)"
          + (candidate.missing.count > 5 ? " and \(candidate.missing.count - 5) more" : "")
      }
      text +=
        "\n\(path): note: pass --format ID to choose an importer; 'finops importers' "
        + "lists them"
      return text
    case .unknownFormatId(let id, let known):
      return "error: unknown format '\(id)'\nnote: known formats: \(known.joined(separator: ", "))"
    case .missingColumns(let path, let format, let version, let columns):
      let names = columns.map { "'\($0)'" }.joined(separator: ", ")
      let what = version.map { "\(format) \($0)" } ?? format
      return "\(path):1: error: [\(format)] missing mandatory \(what) column"
        + "\(columns.count == 1 ? "" : "s") \(names)"
    case .fieldCount(let path, let format, let line, let expected, let actual):
      return "\(path):\(line): error: [\(format)] row has \(actual) fields but the header has "
        + "\(expected)"
    case .badRow(let path, let format, let line, let error):
      return "\(path):\(line): error: [\(format)] \(error.message)"
    case .inconsistentBatch(let path, let format, let reason):
      return "\(path): error: [\(format)] \(reason)"
    case .store(let error):
      return error.description
    case .badManifest(let path, let reason):
      return "\(path): error: \(reason)"
    }
  }

  private func tag(_ format: String?) -> String { format.map { "[\($0)] " } ?? "" }
}

/// Errors reading an input file, before any format is involved.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened.
  case cannotOpen(path: String, reason: String)
  /// A read failed part-way.
  case readFailed(path: String, reason: String)
  /// The file name says gzip but the content is not gzip.
  case notGzip(path: String)
  /// The gzip content is damaged or ends early.
  case corruptGzip(path: String, reason: String)

  /// A message in the compiler style, naming the file first.
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "\(path): error: cannot open file: \(reason)"
    case .readFailed(let path, let reason):
      return "\(path): error: read failed: \(reason)"
    case .notGzip(let path):
      return "\(path): error: file name ends in '.gz' but the content is not gzip"
    case .corruptGzip(let path, let reason):
      return "\(path): error: damaged gzip data: \(reason)"
    }
  }
}

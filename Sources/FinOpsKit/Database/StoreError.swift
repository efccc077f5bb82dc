/// Errors from the finops database itself.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The database file could not be opened or migrated.
  case cannotOpen(path: String, reason: String)
  /// The database was written by a newer finops whose schema this version does not know.
  case newerDatabase(path: String)
  /// A statement failed.
  case sqlite(reason: String)

  /// A message in the compiler style.
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "\(path): error: cannot open database: \(reason)"
    case .newerDatabase(let path):
      return "\(path): error: database was written by a newer finops; upgrade finops to use it"
    case .sqlite(let reason):
      return "error: database: \(reason)"
    }
  }
}

/// A mapping file (`importers/*.yaml`) that cannot be used.
public enum MappingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The YAML does not decode into the mapping schema.
  case invalid(source: String, reason: String)
  /// A field key names no normalized charge field.
  case unknownField(source: String, field: String)

  /// A compiler-style message.
  public var description: String {
    switch self {
    case .invalid(let source, let reason):
      return "\(source): error: invalid importer mapping: \(reason)"
    case .unknownField(let source, let field):
      return "\(source): error: field '\(field)' is not a normalized charge field; "
        + "see importers/README.md for the list"
    }
  }
}

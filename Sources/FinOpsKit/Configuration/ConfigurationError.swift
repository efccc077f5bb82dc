/// A `finops.yaml` that cannot be used, with the file and line at fault.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The configuration file.
  public var path: String
  /// The 1-based line, when known.
  public var line: Int?
  /// What is wrong, lowercase.
  public var message: String
  /// A remedy, printed as a `note:` line.
  public var note: String?

  /// Creates an error.
  /// - Parameters:
  ///   - path: The configuration file.
  ///   - line: The line at fault.
  ///   - message: What is wrong.
  ///   - note: A remedy.
  public init(path: String, line: Int?, message: String, note: String? = nil) {
    self.path = path
    self.line = line
    self.message = message
    self.note = note
  }

  /// `finops.yaml:12: error: ...`, with an optional note line.
  public var description: String {
    let location = line.map { "\(path):\($0)" } ?? path
    var text = "\(location): error: \(message)"
    if let note { text += "\n\(location): note: \(note)" }
    return text
  }
}

/// A problem in `finops.yaml` that does not stop finops (an unknown key, for instance).
public struct ConfigurationWarning: Equatable, Sendable, CustomStringConvertible {
  /// The configuration file.
  public var path: String
  /// The 1-based line.
  public var line: Int?
  /// What is odd, lowercase.
  public var message: String

  /// `finops.yaml:12: warning: ...`.
  public var description: String {
    "\(line.map { "\(path):\($0)" } ?? path): warning: \(message)"
  }
}

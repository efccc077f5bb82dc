/// Why one row of an export cannot be imported.
public struct RowError: Error, Equatable, Sendable {
  /// The source column (as written in the file) or normalized field at fault, if any.
  public var column: String?
  /// The offending value, if any.
  public var value: String?
  /// What is wrong, lowercase, without a trailing period.
  public var reason: String

  /// Creates a row error.
  /// - Parameters:
  ///   - column: The column at fault.
  ///   - value: The offending value.
  ///   - reason: What is wrong.
  public init(column: String? = nil, value: String? = nil, reason: String) {
    self.column = column
    self.value = value
    self.reason = reason
  }

  /// The message (`column 'BilledCost' has non-numeric value '1,23'`).
  public var message: String {
    var text = ""
    if let column { text += "column '\(column)' " }
    text += reason
    if let value {
      let shown = value.count > 80 ? String(value.prefix(77)) + "..." : value
      text += " '\(shown)'"
    }
    return text
  }
}

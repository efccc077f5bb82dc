/// The `when:` block of a rule or shared cost: every key must match, a key matches when any of
/// its patterns does.
public struct ChargeMatcher: Sendable, Equatable {
  /// What a condition looks at.
  public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A normalized charge column (`service_name`).
    case column(ChargeColumn)
    /// A tag by key (`tags.team`).
    case tag(String)

    /// The key as written in configuration.
    public var description: String {
      switch self {
      case .column(let column): return column.configKey
      case .tag(let key): return "tags.\(key)"
      }
    }
  }

  /// One condition: a key and the patterns any of which must match.
  public struct Condition: Sendable, Equatable {
    /// What is looked at.
    public var key: Key
    /// The accepted patterns.
    public var patterns: [ValuePattern]
  }

  /// The conditions, in the order written.
  public var conditions: [Condition]

  /// Creates a matcher.
  /// - Parameter conditions: The conditions, all of which must hold.
  public init(conditions: [Condition]) { self.conditions = conditions }

  /// The charge columns the matcher reads.
  public var columns: Set<ChargeColumn> {
    Set(
      conditions.compactMap {
        if case .column(let column) = $0.key { return column }
        return nil
      }
    )
  }

  /// Whether the matcher reads tags.
  public var readsTags: Bool {
    conditions.contains {
      if case .tag = $0.key { return true }
      return false
    }
  }

  /// Whether every condition holds for a charge.
  /// - Parameter attributes: The charge's values.
  /// - Returns: `true` when the charge matches.
  public func matches(_ attributes: ChargeAttributes) -> Bool { firstMismatch(attributes) == nil }

  /// The first condition that does not hold, explained, or `nil` when all hold.
  /// - Parameter attributes: The charge's values.
  /// - Returns: A reason such as `service_name 'AWS Lambda' does not match '/^Amazon Bedrock/'`.
  public func firstMismatch(_ attributes: ChargeAttributes) -> String? {
    for condition in conditions {
      let value = attributes.value(for: condition.key)
      if condition.patterns.contains(where: { $0.matches(value) }) { continue }
      let wanted = condition.patterns.map { "'\($0)'" }.joined(separator: " or ")
      guard let value else { return "\(condition.key) is empty, wanted \(wanted)" }
      return "\(condition.key) '\(value)' does not match \(wanted)"
    }
    return nil
  }
}

/// One rule of an AI classification file: when a charge matches, it gets the rule's category.
///
/// A rule holds one or more alternatives; an alternative holds conditions that must all hold,
/// each condition passing when any of its patterns (exact, `*` glob or `/regex/`, as in
/// `finops.yaml`) matches.
public struct AIRule: Sendable, Equatable {
  /// What a condition reads.
  public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A normalized column (`service_name`, `charge_description`...).
    case column(ChargeColumn)
    /// A tag by key (`tags.team`).
    case tag(String)
    /// A source column kept in `x_Extras` (`extras.product_instance_type`).
    case extra(String)

    /// The key as written in a rule file.
    public var description: String {
      switch self {
      case .column(let column): return column.configKey
      case .tag(let key): return "tags.\(key)"
      case .extra(let key): return "extras.\(key)"
      }
    }
  }

  /// A key and the patterns any of which must match its value.
  public struct Condition: Sendable, Equatable {
    /// What is read.
    public var key: Key
    /// The accepted patterns.
    public var patterns: [ValuePattern]
  }

  /// The rule's id, unique in its file.
  public var id: String
  /// The file the rule comes from (`built-in` for the embedded rules).
  public var source: String
  /// The rule's line in its file.
  public var line: Int?
  /// The category given, or `nil` for a rule that marks matching charges as not AI.
  public var category: AICategory?
  /// Whether the accelerator table is consulted for the instance type of matching charges.
  public var findsAccelerators: Bool
  /// The alternatives: the rule matches when all the conditions of any one hold.
  public var alternatives: [[Condition]]

  /// Whether the rule matches a charge.
  /// - Parameter value: The charge's value for a key, or `nil` when it has none.
  /// - Returns: `true` when every condition of some alternative holds.
  public func matches(_ value: (Key) -> String?) -> Bool {
    alternatives.contains { conditions in
      conditions.allSatisfy { condition in
        let text = value(condition.key)
        return condition.patterns.contains { $0.matches(text) }
      }
    }
  }

  /// The keys the rule reads.
  public var keys: Set<Key> { Set(alternatives.flatMap { $0.map(\.key) }) }
}

/// A `JSONValue` of a `JSONDocument` together with the line and column where it starts.
///
/// Navigating (`self["key"]`, `elements`, `members`) keeps positions, so that an importer can
/// report a bad amount at the line that holds it.
public struct LocatedJSONValue: Sendable {
  /// An object member with its located value.
  public struct Member: Sendable {
    /// The member name.
    public var key: String
    /// The member value.
    public var node: LocatedJSONValue
  }

  /// The value.
  public let value: JSONValue
  /// The positions of the whole document, in document order.
  private let positions: [JSONDocument.Position]
  /// This value's index in `positions`.
  private let slot: Int

  init(value: JSONValue, positions: [JSONDocument.Position], slot: Int) {
    self.value = value
    self.positions = positions
    self.slot = slot
  }

  /// The 1-based line where the value starts.
  public var line: Int { positions[slot].line }

  /// The 1-based column (in bytes) where the value starts.
  public var column: Int { positions[slot].column }

  /// The member `key` of an object (the last one, when repeated); `nil` for a missing key or
  /// a value that is not an object.
  /// - Parameter key: The member name.
  public subscript(key: String) -> LocatedJSONValue? {
    members?.last { $0.key == key }?.node
  }

  /// The elements of an array, with their positions.
  public var elements: [LocatedJSONValue]? {
    guard case .array(let items) = value else { return nil }
    var child = slot + 1
    return items.map { item in
      defer { child += 1 + positions[child].descendants }
      return LocatedJSONValue(value: item, positions: positions, slot: child)
    }
  }

  /// The members of an object in source order, with their positions.
  public var members: [Member]? {
    guard case .object(let object) = value else { return nil }
    var child = slot + 1
    return object.members.map { member in
      defer { child += 1 + positions[child].descendants }
      return Member(
        key: member.key,
        node: LocatedJSONValue(value: member.value, positions: positions, slot: child)
      )
    }
  }

  /// Whether the value is `null`.
  public var isNull: Bool { value.isNull }

  /// The text of a string value.
  public var string: String? {
    if case .string(let text) = value { return text }
    return nil
  }

  /// The exact text of a number, or of a string that holds one (`"12.50"`).
  public var decimalText: String? {
    switch value {
    case .number(let text), .string(let text): return text
    default: return nil
    }
  }

  /// A short description of the value for messages (`abc`, a number, `null`, `an object`).
  public var shown: String {
    switch value {
    case .object: return "an object"
    case .array: return "an array"
    case .string(let text), .number(let text): return text
    case .bool(let flag): return flag ? "true" : "false"
    case .null: return "null"
    }
  }
}

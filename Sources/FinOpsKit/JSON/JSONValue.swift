/// A parsed JSON value that keeps every number as its exact source text.
///
/// Money must never pass through `Double`, so `.number` holds the digits as written
/// (`"0.1"`, `"-1.5E-7"`); parse it with `ScaledDecimal`. Objects keep their members in source
/// order. `JSONParser` builds values; `JSONLinesReader` and `JSONDocumentReader` read them from
/// files.
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, as its exact source text.
  case number(String)
  /// A string, unescaped.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, members in source order.
  case object(JSONObject)

  /// The member of an object; `nil` for a missing key or a value that is not an object.
  /// - Parameter key: The member name.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let object) = self else { return nil }
    return object[key]
  }

  /// The value at a dotted path of object members (`service.description`); `nil` when any
  /// step is missing or not an object.
  /// - Parameter path: Member names joined by `.`.
  /// - Returns: The value found.
  public func value(at path: String) -> JSONValue? {
    var current: JSONValue? = self
    for key in path.split(separator: ".", omittingEmptySubsequences: false) {
      current = current?[String(key)]
    }
    return current
  }

  /// The members, for an object.
  public var object: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }

  /// The elements, for an array.
  public var array: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The text of a scalar: a string as is, a number as written, a boolean as `true`/`false`;
  /// `nil` for `null`, arrays and objects.
  ///
  /// Exports write numbers as JSON numbers or as strings (BigQuery writes INT64 and NUMERIC
  /// as strings), so read numbers through this and parse the text.
  public var scalarText: String? {
    switch self {
    case .string(let text), .number(let text): return text
    case .bool(let flag): return flag ? "true" : "false"
    case .null, .array, .object: return nil
    }
  }

  /// Whether the value is `null`.
  public var isNull: Bool { self == .null }

  /// The value as compact JSON text; numbers are written exactly as they were read.
  public var jsonText: String {
    var output: [UInt8] = []
    append(to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the value as compact JSON text.
  /// - Parameter output: The buffer to append to.
  public func append(to output: inout [UInt8]) {
    switch self {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let text): output.append(contentsOf: text.utf8)
    case .string(let text): Self.appendQuoted(text, to: &output)
    case .array(let elements):
      output.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        element.append(to: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      output.append(UInt8(ascii: "{"))
      for (index, member) in object.members.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        Self.appendQuoted(member.key, to: &output)
        output.append(UInt8(ascii: ":"))
        member.value.append(to: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func appendQuoted(_ text: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var copy = text
    copy.withUTF8 { JSONText.appendEscaped($0, to: &output) }
    output.append(UInt8(ascii: "\""))
  }
}

/// The members of a JSON object, in source order.
///
/// Lookup by key is a linear scan, which beats hashing for the few dozen members of a billing
/// row. When a key occurs twice, the last occurrence wins (as in JavaScript).
public struct JSONObject: Sendable, Equatable {
  /// One `"key": value` pair.
  public struct Member: Sendable, Equatable {
    /// The member name.
    public var key: String
    /// The member value.
    public var value: JSONValue

    /// Creates a member.
    /// - Parameters:
    ///   - key: The name.
    ///   - value: The value.
    public init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  /// The members in source order.
  public var members: [Member]

  /// Creates an object.
  /// - Parameter members: The members in order.
  public init(members: [Member] = []) {
    self.members = members
  }

  /// The value of the last member named `key`, or `nil`.
  /// - Parameter key: The member name.
  public subscript(key: String) -> JSONValue? {
    members.last { $0.key == key }?.value
  }

  /// The member names, in source order.
  public var keys: [String] { members.map(\.key) }
}

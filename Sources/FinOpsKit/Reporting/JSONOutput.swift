/// JSON written by reports: a value whose object keys keep the order they were given in, for stable output.
public indirect enum JSONOutput: Sendable, Equatable {
  /// A string.
  case string(String)
  /// A number, as the exact decimal text finops formatted.
  case number(String)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null
  /// An array.
  case array([JSONOutput])
  /// An object with ordered keys.
  case object([(String, JSONOutput)])

  /// Compares two values, keys in order.
  public static func == (lhs: JSONOutput, rhs: JSONOutput) -> Bool {
    lhs.text(indent: 0) == rhs.text(indent: 0)
  }

  /// A string, or `null` for `nil`.
  /// - Parameter text: The text.
  /// - Returns: The value.
  public static func optional(_ text: String?) -> JSONOutput { text.map { .string($0) } ?? .null }

  /// Pretty-printed JSON with two-space indentation.
  /// - Parameter indent: The indentation level of the value.
  /// - Returns: The JSON text.
  public func text(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent + 1)
    let closing = String(repeating: "  ", count: indent)
    switch self {
    case .string(let text): return Self.quote(text)
    case .number(let number): return number
    case .bool(let flag): return flag ? "true" : "false"
    case .null: return "null"
    case .array(let items):
      guard !items.isEmpty else { return "[]" }
      let inner = items.map { pad + $0.text(indent: indent + 1) }
      return "[\n" + inner.joined(separator: ",\n") + "\n" + closing + "]"
    case .object(let members):
      guard !members.isEmpty else { return "{}" }
      let inner = members.map { pad + Self.quote($0.0) + ": " + $0.1.text(indent: indent + 1) }
      return "{\n" + inner.joined(separator: ",\n") + "\n" + closing + "}"
    }
  }

  /// A JSON string literal.
  static func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

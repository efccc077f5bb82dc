/// A whole-document JSON parser for small files (AI provider API response pages).
///
/// Numbers are kept as their exact source text, so that money is parsed by `ScaledDecimal` and
/// never passes through binary floating point, and every value remembers its line and column
/// for compiler-style messages. Documents are read whole: use it for API pages (kilobytes to a
/// few megabytes), not for multi-gigabyte exports.
struct JSONTree {
  /// A JSON value with its position in the source.
  struct Node: Sendable {
    /// The value.
    var value: Value
    /// The 1-based line where the value starts.
    var line: Int
    /// The 1-based column (in bytes) where the value starts.
    var column: Int

    /// The member `key` of an object; `nil` for a missing key or a non-object.
    subscript(key: String) -> Node? {
      guard case .object(let members) = value else { return nil }
      return members.first { $0.key == key }?.node
    }

    /// Whether the value is `null`.
    var isNull: Bool {
      if case .null = value { return true }
      return false
    }

    /// The text of a string value.
    var string: String? {
      if case .string(let text) = value { return text }
      return nil
    }

    /// The elements of an array.
    var elements: [Node]? {
      if case .array(let items) = value { return items }
      return nil
    }

    /// The members of an object, in source order.
    var members: [Member]? {
      if case .object(let items) = value { return items }
      return nil
    }

    /// The exact text of a number, or of a string that holds one (`"12.50"`).
    var decimalText: String? {
      switch value {
      case .number(let text): return text
      case .string(let text): return text
      default: return nil
      }
    }

    /// A short description of the value for messages (`'abc'`, a number, `null`, `an object`).
    var shown: String {
      switch value {
      case .object: return "an object"
      case .array: return "an array"
      case .string(let text): return text
      case .number(let text): return text
      case .bool(let flag): return flag ? "true" : "false"
      case .null: return "null"
      }
    }
  }

  /// An object member.
  struct Member: Sendable {
    /// The key.
    var key: String
    /// The value.
    var node: Node
  }

  /// The kinds of JSON value; numbers keep their source text.
  indirect enum Value: Sendable {
    case object([Member])
    case array([Node])
    case string(String)
    case number(String)
    case bool(Bool)
    case null
  }

  /// Why a document is not valid JSON, and where.
  struct SyntaxError: Error, Equatable, Sendable {
    /// The 1-based line.
    var line: Int
    /// The 1-based column.
    var column: Int
    /// What is wrong, lowercase.
    var reason: String
  }

  /// The deepest nesting accepted.
  static let maximumDepth = 64

  /// Parses one JSON document (whitespace around it allowed).
  /// - Parameter bytes: UTF-8 text.
  /// - Returns: The root value.
  /// - Throws: `SyntaxError` with the position of the first problem.
  static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> Node {
    var parser = Parser(bytes: bytes)
    parser.skipSpace()
    let root = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == bytes.count else { throw parser.error("unexpected text after the value") }
    return root
  }

  private struct Parser {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ reason: String) -> SyntaxError {
      SyntaxError(line: line, column: index - lineStart + 1, reason: reason)
    }

    mutating func skipSpace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x0A:
          index += 1
          line += 1
          lineStart = index
        case 0x20, 0x09, 0x0D: index += 1
        default: return
        }
      }
    }

    mutating func value(depth: Int) throws(SyntaxError) -> Node {
      skipSpace()
      let (startLine, startColumn) = (line, index - lineStart + 1)
      guard let byte = peek else { throw error("unexpected end of file, expected a value") }
      let value: Value
      switch byte {
      case UInt8(ascii: "{"):
        guard depth < JSONTree.maximumDepth else { throw error("nesting is too deep") }
        value = .object(try object(depth: depth + 1))
      case UInt8(ascii: "["):
        guard depth < JSONTree.maximumDepth else { throw error("nesting is too deep") }
        value = .array(try array(depth: depth + 1))
      case UInt8(ascii: "\""): value = .string(try string())
      case UInt8(ascii: "t"):
        try literal("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        value = .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try number())
      default:
        throw error("unexpected character '\(String(decoding: [byte], as: UTF8.self))'")
      }
      return Node(value: value, line: startLine, column: startColumn)
    }

    mutating func object(depth: Int) throws(SyntaxError) -> [Member] {
      index += 1
      var members: [Member] = []
      skipSpace()
      if peek == UInt8(ascii: "}") {
        index += 1
        return members
      }
      while true {
        skipSpace()
        guard peek == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
        let key = try string()
        skipSpace()
        guard peek == UInt8(ascii: ":") else { throw error("expected ':' after key '\(key)'") }
        index += 1
        members.append(Member(key: key, node: try value(depth: depth)))
        skipSpace()
        switch peek {
        case UInt8(ascii: ","): index += 1
        case UInt8(ascii: "}"):
          index += 1
          return members
        case nil: throw error("unexpected end of file inside an object")
        default: throw error("expected ',' or '}' in an object")
        }
      }
    }

    mutating func array(depth: Int) throws(SyntaxError) -> [Node] {
      index += 1
      var items: [Node] = []
      skipSpace()
      if peek == UInt8(ascii: "]") {
        index += 1
        return items
      }
      while true {
        items.append(try value(depth: depth))
        skipSpace()
        switch peek {
        case UInt8(ascii: ","): index += 1
        case UInt8(ascii: "]"):
          index += 1
          return items
        case nil: throw error("unexpected end of file inside an array")
        default: throw error("expected ',' or ']' in an array")
        }
      }
    }

    mutating func string() throws(SyntaxError) -> String {
      index += 1
      var output: [UInt8] = []
      while let byte = peek {
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(decoding: output, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard let escaped = peek else { break }
          index += 1
          switch escaped {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
          case UInt8(ascii: "b"): output.append(0x08)
          case UInt8(ascii: "f"): output.append(0x0C)
          case UInt8(ascii: "n"): output.append(0x0A)
          case UInt8(ascii: "r"): output.append(0x0D)
          case UInt8(ascii: "t"): output.append(0x09)
          case UInt8(ascii: "u"): try unicodeEscape(into: &output)
          default: throw error("invalid escape in a string")
          }
        case 0..<0x20:
          index -= 1
          throw error("control character in a string")
        default:
          output.append(byte)
        }
      }
      throw error("unterminated string")
    }

    mutating func hex4() throws(SyntaxError) -> UInt32 {
      guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: throw error("invalid \\u escape")
        }
        value = value << 4 | UInt32(digit)
        index += 1
      }
      return value
    }

    mutating func unicodeEscape(into output: inout [UInt8]) throws(SyntaxError) {
      var scalar = try hex4()
      if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
        bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      {
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let character = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
      output.append(contentsOf: Array(String(Character(character)).utf8))
    }

    mutating func literal(_ word: String) throws(SyntaxError) {
      let expected = Array(word.utf8)
      guard index + expected.count <= bytes.count,
        Array(bytes[index..<index + expected.count]) == expected
      else { throw error("invalid literal, expected '\(word)'") }
      index += expected.count
    }

    mutating func number() throws(SyntaxError) -> String {
      let start = index
      if peek == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw error("invalid number") }
      if peek == UInt8(ascii: ".") {
        index += 1
        guard digits() > 0 else { throw error("invalid number: no digit after '.'") }
      }
      if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
        index += 1
        if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw error("invalid number: no digit in the exponent") }
      }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func digits() -> Int {
      var count = 0
      while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        index += 1
        count += 1
      }
      return count
    }
  }
}

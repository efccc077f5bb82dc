/// A strict RFC 8259 JSON parser that keeps numbers as exact text.
///
/// It accepts exactly one value with optional whitespace around it, rejects malformed UTF-8,
/// control characters in strings, leading zeros, trailing commas and nesting deeper than
/// `maximumDepth`, and reports the byte offset of the first error.
public enum JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  public static let maximumDepth = 64

  /// Parses one JSON value.
  /// - Parameter bytes: UTF-8 text.
  /// - Returns: The value.
  /// - Throws: `JSONSyntaxError` with the byte offset of the problem.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError)
    -> JSONValue
  {
    var cursor = Cursor(bytes: bytes)
    cursor.skipSpace()
    let value = try cursor.value(depth: 0)
    cursor.skipSpace()
    guard cursor.index == bytes.count else {
      throw cursor.error("unexpected text after the JSON value")
    }
    return value
  }

  /// Parses one JSON document and records where every value starts.
  ///
  /// For messages that name the line and column of a bad value (API response pages); slightly
  /// slower than `parse`, which the JSON Lines hot path uses.
  /// - Parameter bytes: UTF-8 text.
  /// - Returns: The value and the positions of all its values.
  /// - Throws: `JSONSyntaxError` with the byte offset of the problem.
  public static func parseDocument(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError)
    -> JSONDocument
  {
    var cursor = Cursor(bytes: bytes)
    cursor.recordsPositions = true
    cursor.skipSpace()
    let value = try cursor.value(depth: 0)
    cursor.skipSpace()
    guard cursor.index == bytes.count else {
      throw cursor.error("unexpected text after the JSON value")
    }
    return JSONDocument(root: value, positions: cursor.positions, text: bytes)
  }

  /// Parses one JSON value from a string; a convenience for tests and small inputs.
  /// - Parameter text: JSON text.
  /// - Returns: The value.
  /// - Throws: `JSONSyntaxError`.
  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    var copy = text
    let result: Result<JSONValue, JSONSyntaxError> = copy.withUTF8 { buffer in
      do throws(JSONSyntaxError) {
        return .success(try parse(buffer))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var scratch: [UInt8] = []
    /// Whether `positions` is filled (off on the JSON Lines hot path).
    var recordsPositions = false
    /// Where each value starts, in document order (pre-order).
    var positions: [JSONDocument.Position] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ reason: String) -> JSONSyntaxError {
      JSONSyntaxError(offset: index, reason: reason)
    }

    mutating func skipSpace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D: index += 1
        default: return
        }
      }
    }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
      guard recordsPositions else { return try bareValue(depth: depth) }
      let slot = positions.count
      positions.append(JSONDocument.Position(offset: index))
      let value = try bareValue(depth: depth)
      positions[slot].descendants = positions.count - slot - 1
      return value
    }

    mutating func bareValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
      guard let byte = peek else { throw error("unexpected end of input, expected a value") }
      switch byte {
      case UInt8(ascii: "{"):
        guard depth < JSONParser.maximumDepth else { throw error("nesting is too deep") }
        return .object(try object(depth: depth + 1))
      case UInt8(ascii: "["):
        guard depth < JSONParser.maximumDepth else { throw error("nesting is too deep") }
        return .array(try array(depth: depth + 1))
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"):
        try literal("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        return .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return .number(try number())
      default:
        throw error("unexpected character '\(Self.shown(byte))', expected a value")
      }
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONObject {
      index += 1
      var object = JSONObject()
      skipSpace()
      if peek == UInt8(ascii: "}") {
        index += 1
        return object
      }
      while true {
        skipSpace()
        guard peek == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
        let key = try string()
        skipSpace()
        guard peek == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
        index += 1
        skipSpace()
        object.members.append(JSONObject.Member(key: key, value: try value(depth: depth)))
        skipSpace()
        switch peek {
        case UInt8(ascii: ","): index += 1
        case UInt8(ascii: "}"):
          index += 1
          return object
        case nil: throw error("unexpected end of input inside an object")
        default: throw error("expected ',' or '}' in an object")
        }
      }
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> [JSONValue] {
      index += 1
      var elements: [JSONValue] = []
      skipSpace()
      if peek == UInt8(ascii: "]") {
        index += 1
        return elements
      }
      while true {
        skipSpace()
        elements.append(try value(depth: depth))
        skipSpace()
        switch peek {
        case UInt8(ascii: ","): index += 1
        case UInt8(ascii: "]"):
          index += 1
          return elements
        case nil: throw error("unexpected end of input inside an array")
        default: throw error("expected ',' or ']' in an array")
        }
      }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
      let count = word.utf8CodeUnitCount
      guard index + count <= bytes.count else { throw error("invalid literal") }
      for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
        throw error("invalid literal")
      }
      index += count
    }

    mutating func number() throws(JSONSyntaxError) -> String {
      let start = index
      if peek == UInt8(ascii: "-") { index += 1 }
      guard let first = peek, first.isDigit else { throw error("expected a digit") }
      index += 1
      if first == UInt8(ascii: "0"), let next = peek, next.isDigit {
        throw error("leading zeros are not allowed in numbers")
      }
      skipDigits()
      if peek == UInt8(ascii: ".") {
        index += 1
        guard let next = peek, next.isDigit else { throw error("expected a digit after '.'") }
        skipDigits()
      }
      if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
        index += 1
        if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
        guard let next = peek, next.isDigit else { throw error("expected an exponent") }
        skipDigits()
      }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    mutating func skipDigits() {
      while let byte = peek, byte.isDigit { index += 1 }
    }

    mutating func string() throws(JSONSyntaxError) -> String {
      index += 1
      let start = index
      // Fast path: no escapes.
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
          index += 1
          return try text(raw, at: start)
        }
        if byte == UInt8(ascii: "\\") { break }
        if byte < 0x20 { throw error("control character in a string") }
        index += 1
      }
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          index += 1
          let collected = scratch
          return try collected.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try text(buffer, at: start)
          }
        }
        if byte < 0x20 { throw error("control character in a string") }
        if byte != UInt8(ascii: "\\") {
          scratch.append(byte)
          index += 1
          continue
        }
        index += 1
        guard let escaped = peek else { break }
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): appendScalar(try unicodeEscape())
        default:
          index -= 1
          throw error("invalid escape '\\\(Self.shown(escaped))'")
        }
      }
      throw error("unterminated string")
    }

    /// Reads `XXXX` (and a following `\uXXXX` low surrogate) after `\u`.
    mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
      let high = try hex4()
      if (0xD800...0xDBFF).contains(high) {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw error("unpaired surrogate in \\u escape") }
        index += 2
        let low = try hex4()
        guard (0xDC00...0xDFFF).contains(low),
          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        else { throw error("invalid surrogate pair in \\u escape") }
        return scalar
      }
      guard let scalar = Unicode.Scalar(high) else {
        throw error("unpaired surrogate in \\u escape")
      }
      return scalar
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
      guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: throw error("invalid hex digit in \\u escape")
        }
        value = value << 4 | UInt32(digit)
        index += 1
      }
      return value
    }

    mutating func appendScalar(_ scalar: Unicode.Scalar) {
      scratch.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
    }

    func text(_ raw: UnsafeBufferPointer<UInt8>, at start: Int) throws(JSONSyntaxError) -> String {
      guard let text = String(validating: raw, as: UTF8.self) else {
        throw JSONSyntaxError(offset: start, reason: "string is not valid UTF-8")
      }
      return text
    }

    static func shown(_ byte: UInt8) -> String {
      byte >= 0x20 && byte < 0x7F
        ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true)
    }
  }
}

/// A syntax error in JSON text, at a byte offset from the start of the parsed text.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The 0-based byte offset of the problem.
  public var offset: Int
  /// What is wrong, lowercase.
  public var reason: String

  /// Creates an error.
  /// - Parameters:
  ///   - offset: The byte offset.
  ///   - reason: What is wrong.
  public init(offset: Int, reason: String) {
    self.offset = offset
    self.reason = reason
  }

  /// `invalid JSON at byte N: reason`.
  public var description: String { "invalid JSON at byte \(offset + 1): \(reason)" }
}

extension UInt8 {
  fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}

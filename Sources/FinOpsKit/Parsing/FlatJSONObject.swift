/// Reads the top-level members of a JSON object without building any value, for map columns
/// such as CUR 2.0's `resource_tags` and `product` (`{"user_team":"search"}`).
///
/// Keys and string values are handed over as they are written between their quotes (still
/// escaped), so they can be copied into other JSON text as is; other scalars (numbers, `true`)
/// are handed over as their literal text. Nested objects and arrays are skipped.
///
/// A deliberate fast path beside `JSONParser`: it runs once per CSV row on the ingest hot path
/// and hands over slices of the row buffer, where building a `JSONValue` would allocate strings.
public enum FlatJSONObject {
  /// One member of the object.
  public struct Member {
    /// The key as written between its quotes (escapes not undone).
    public var key: UnsafeBufferPointer<UInt8>
    /// The value: the inside of a string, or the literal text of a number or boolean.
    public var value: UnsafeBufferPointer<UInt8>
    /// Whether the value was a JSON string (and so may contain escapes).
    public var isString: Bool
  }

  /// Calls `body` for each member whose value is a string, number or boolean (`null` and nested
  /// values are skipped).
  /// - Parameters:
  ///   - bytes: The JSON text; empty text is an empty object.
  ///   - body: Called once per member, in order.
  /// - Returns: `false` when the text is not a JSON object (members seen before the error have
  ///   been handed over).
  /// - Throws: What `body` throws.
  @discardableResult
  public static func forEachMember(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ body: (Member) throws(RowError) -> Void
  ) throws(RowError) -> Bool {
    var scanner = Scanner(bytes: bytes)
    scanner.skipSpace()
    if scanner.atEnd { return true }
    guard scanner.take(UInt8(ascii: "{")) else { return false }
    scanner.skipSpace()
    if scanner.take(UInt8(ascii: "}")) { return scanner.trailingSpaceOnly() }
    while true {
      scanner.skipSpace()
      guard let key = scanner.string() else { return false }
      scanner.skipSpace()
      guard scanner.take(UInt8(ascii: ":")) else { return false }
      scanner.skipSpace()
      if let value = scanner.string() {
        try body(Member(key: key, value: value, isString: true))
      } else if let literal = scanner.literal() {
        if !(literal.count == 4 && literal.elementsEqual("null".utf8)) {
          try body(Member(key: key, value: literal, isString: false))
        }
      } else {
        guard scanner.skipNested() else { return false }
      }
      scanner.skipSpace()
      if scanner.take(UInt8(ascii: ",")) { continue }
      guard scanner.take(UInt8(ascii: "}")) else { return false }
      return scanner.trailingSpaceOnly()
    }
  }

  /// The value of one key, or `nil` when the key is absent, null or nested, or the text is not
  /// an object.
  /// - Parameters:
  ///   - key: The key, compared byte for byte with the key as written.
  ///   - bytes: The JSON text.
  /// - Returns: The member holding the key.
  public static func member(_ key: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Member? {
    var found: Member?
    do {
      try forEachMember(bytes) { member throws(RowError) in
        if found == nil && member.key.elementsEqual(key) { found = member }
      }
    } catch {
      return nil
    }
    return found
  }

  /// Appends the unescaped form of a JSON string's inside to `output`.
  /// - Parameters:
  ///   - escaped: The text between the quotes.
  ///   - output: Where the UTF-8 text goes.
  /// - Returns: `false` for an invalid escape.
  public static func appendUnescaped(
    _ escaped: UnsafeBufferPointer<UInt8>,
    to output: inout [UInt8]
  ) -> Bool {
    var index = 0
    while index < escaped.count {
      let byte = escaped[index]
      index += 1
      guard byte == UInt8(ascii: "\\") else {
        output.append(byte)
        continue
      }
      guard index < escaped.count else { return false }
      let code = escaped[index]
      index += 1
      switch code {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(code)
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "u"):
        guard var scalar = hex4(escaped, at: index) else { return false }
        index += 4
        if (0xD800..<0xDC00).contains(scalar), index + 6 <= escaped.count,
          escaped[index] == UInt8(ascii: "\\"), escaped[index + 1] == UInt8(ascii: "u"),
          let low = hex4(escaped, at: index + 2), (0xDC00..<0xE000).contains(low)
        {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          index += 6
        }
        guard let unicode = Unicode.Scalar(scalar) else { return false }
        output.append(contentsOf: String(Character(unicode)).utf8)
      default:
        return false
      }
    }
    return true
  }

  private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt32? {
    guard start + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for byte in bytes[start..<start + 4] {
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index >= bytes.count }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    mutating func trailingSpaceOnly() -> Bool {
      skipSpace()
      return atEnd
    }

    /// A string's inside, the index left after its closing quote.
    mutating func string() -> UnsafeBufferPointer<UInt8>? {
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
      let start = index + 1
      var position = start
      while position < bytes.count {
        switch bytes[position] {
        case UInt8(ascii: "\\"): position += 2
        case UInt8(ascii: "\""):
          index = position + 1
          return UnsafeBufferPointer(rebasing: bytes[start..<position])
        default: position += 1
        }
      }
      return nil
    }

    /// A number, `true`, `false` or `null` as written.
    mutating func literal() -> UnsafeBufferPointer<UInt8>? {
      let start = index
      while index < bytes.count {
        let byte = bytes[index]
        let isLiteral =
          (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
          || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
          || byte == UInt8(ascii: "E")
        guard isLiteral else { break }
        index += 1
      }
      return index > start ? UnsafeBufferPointer(rebasing: bytes[start..<index]) : nil
    }

    /// Skips a nested object or array.
    mutating func skipNested() -> Bool {
      guard index < bytes.count,
        bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[")
      else { return false }
      var depth = 0
      while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "\""):
          guard string() != nil else { return false }
          continue
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth -= 1
          if depth == 0 {
            index += 1
            return true
          }
        default: break
        }
        index += 1
      }
      return false
    }
  }
}

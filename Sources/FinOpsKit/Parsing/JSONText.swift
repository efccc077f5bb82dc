/// Small, allocation-free helpers for JSON text on the ingest hot path.
public enum JSONText {
  /// The deepest nesting accepted in a tags or details object.
  public static let maximumDepth = 32

  /// Checks that bytes are exactly one JSON object (whitespace around it allowed).
  /// - Parameter bytes: UTF-8 text.
  /// - Returns: `true` for a syntactically valid JSON object within the depth limit.
  public static func isObject(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var parser = Validator(bytes: bytes)
    parser.skipSpace()
    guard parser.peek == UInt8(ascii: "{"), parser.value(depth: 0) else { return false }
    parser.skipSpace()
    return parser.index == bytes.count
  }

  /// Appends `bytes` to `output` as the inside of a JSON string (without the quotes).
  /// - Parameters:
  ///   - bytes: UTF-8 text.
  ///   - output: The buffer to append to.
  public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "\""):
        output.append(UInt8(ascii: "\\"))
        output.append(byte)
      case UInt8(ascii: "\\"):
        output.append(UInt8(ascii: "\\"))
        output.append(byte)
      case 0x0A:
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "n"))
      case 0x0D:
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "r"))
      case 0x09:
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "t"))
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        output.append(contentsOf: Array("\\u00".utf8))
        output.append(hex[Int(byte >> 4)])
        output.append(hex[Int(byte & 0xF)])
      default:
        output.append(byte)
      }
    }
  }

  /// Escapes a Swift string as a quoted JSON string.
  /// - Parameter text: The text.
  /// - Returns: The JSON string literal, quotes included.
  public static func quoted(_ text: String) -> String {
    var output: [UInt8] = [UInt8(ascii: "\"")]
    var copy = text
    copy.withUTF8 { appendEscaped($0, to: &output) }
    output.append(UInt8(ascii: "\""))
    return String(decoding: output, as: UTF8.self)
  }

  private struct Validator {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D: index += 1
        default: return
        }
      }
    }

    mutating func value(depth: Int) -> Bool {
      skipSpace()
      guard let byte = peek else { return false }
      switch byte {
      case UInt8(ascii: "{"):
        guard depth < JSONText.maximumDepth else { return false }
        return container(close: UInt8(ascii: "}"), depth: depth + 1, keyed: true)
      case UInt8(ascii: "["):
        guard depth < JSONText.maximumDepth else { return false }
        return container(close: UInt8(ascii: "]"), depth: depth + 1, keyed: false)
      case UInt8(ascii: "\""): return string()
      case UInt8(ascii: "t"): return literal("true")
      case UInt8(ascii: "f"): return literal("false")
      case UInt8(ascii: "n"): return literal("null")
      default: return number()
      }
    }

    mutating func container(close: UInt8, depth: Int, keyed: Bool) -> Bool {
      index += 1
      skipSpace()
      if peek == close {
        index += 1
        return true
      }
      while true {
        if keyed {
          skipSpace()
          guard peek == UInt8(ascii: "\""), string() else { return false }
          skipSpace()
          guard peek == UInt8(ascii: ":") else { return false }
          index += 1
        }
        guard value(depth: depth) else { return false }
        skipSpace()
        guard let next = peek else { return false }
        index += 1
        if next == close { return true }
        guard next == UInt8(ascii: ",") else { return false }
      }
    }

    mutating func string() -> Bool {
      index += 1
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          index += 1
          return true
        }
        if byte < 0x20 { return false }
        if byte == UInt8(ascii: "\\") {
          index += 1
          guard let escaped = peek else { return false }
          if escaped == UInt8(ascii: "u") {
            guard let unit = hex4(after: index) else { return false }
            index += 4
            if (0xDC00...0xDFFF).contains(unit) { return false }
            if (0xD800...0xDBFF).contains(unit) {
              // A high surrogate must be followed by an escaped low one.
              guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"),
                bytes[index + 2] == UInt8(ascii: "u"), let low = hex4(after: index + 2),
                (0xDC00...0xDFFF).contains(low)
              else { return false }
              index += 6
            }
          } else if !Array("\"\\/bfnrt".utf8).contains(escaped) {
            return false
          }
        }
        index += 1
      }
      return false
    }

    /// The four hex digits after the `u` at `position`, as a UTF-16 code unit.
    func hex4(after position: Int) -> UInt32? {
      guard position + 4 < bytes.count else { return nil }
      var unit: UInt32 = 0
      for offset in 1...4 {
        let byte = bytes[position + offset]
        guard byte.isHexDigit else { return nil }
        let digit = byte.isDigit ? byte - UInt8(ascii: "0") : (byte | 0x20) - UInt8(ascii: "a") + 10
        unit = unit << 4 | UInt32(digit)
      }
      return unit
    }

    mutating func literal(_ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard index + count <= bytes.count else { return false }
      for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
        return false
      }
      index += count
      return true
    }

    /// An RFC 8259 number: `-`?, `0` or digits without a leading zero, an optional fraction
    /// and an optional exponent, each with at least one digit.
    mutating func number() -> Bool {
      if peek == UInt8(ascii: "-") { index += 1 }
      guard let first = peek, first.isDigit else { return false }
      index += 1
      if first == UInt8(ascii: "0"), let next = peek, next.isDigit { return false }
      skipDigits()
      if peek == UInt8(ascii: ".") {
        index += 1
        guard let next = peek, next.isDigit else { return false }
        skipDigits()
      }
      if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
        index += 1
        if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
        guard let next = peek, next.isDigit else { return false }
        skipDigits()
      }
      return true
    }

    mutating func skipDigits() {
      while let byte = peek, byte.isDigit { index += 1 }
    }
  }
}

extension UInt8 {
  fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
  fileprivate var isHexDigit: Bool {
    isDigit || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "f"))
  }
}

/// Fast validation of text fields: well-formed UTF-8 with no NUL byte.
///
/// Exports are UTF-8; a field that is not (a Latin-1 export, a binary file, a damaged copy)
/// would store text that later breaks reports, so it is reported instead, with its line.
public enum UTF8Check {
  /// Why a field is not acceptable text.
  public enum Failure: Error, Equatable, Sendable {
    /// The bytes are not well-formed UTF-8.
    case invalidUTF8
    /// The text contains a NUL byte.
    case nulByte
  }

  /// Validates bytes; ASCII runs are checked eight bytes at a time.
  /// - Parameter bytes: The field's bytes.
  /// - Throws: `Failure` for a NUL byte or malformed UTF-8.
  @inline(__always)
  public static func validate(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
    guard let base = bytes.baseAddress else { return }
    let count = bytes.count
    var index = 0
    let raw = UnsafeRawPointer(base)
    while index + 8 <= count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // No high bit set and no zero byte in the word: eight ASCII characters.
      let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
      if word & 0x8080_8080_8080_8080 != 0 || hasZero != 0 { break }
      index += 8
    }
    while index < count {
      let byte = base[index]
      if byte == 0 { throw .nulByte }
      if byte < 0x80 {
        index += 1
        continue
      }
      let length: Int
      let minimum: UInt32
      var scalar: UInt32
      switch byte {
      case 0xC2...0xDF:
        length = 2
        minimum = 0x80
        scalar = UInt32(byte & 0x1F)
      case 0xE0...0xEF:
        length = 3
        minimum = 0x800
        scalar = UInt32(byte & 0x0F)
      case 0xF0...0xF4:
        length = 4
        minimum = 0x10000
        scalar = UInt32(byte & 0x07)
      default:
        throw .invalidUTF8
      }
      guard index + length <= count else { throw .invalidUTF8 }
      for offset in 1..<length {
        let continuation = base[index + offset]
        guard continuation & 0xC0 == 0x80 else { throw .invalidUTF8 }
        scalar = scalar << 6 | UInt32(continuation & 0x3F)
      }
      guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
        throw .invalidUTF8
      }
      index += length
    }
  }
}

/// A buffer of encoded write operations passed from the thread that parses an export to the
/// thread that writes SQLite.
///
/// Operations are appended back to back: an opcode byte, then fixed-width little-endian
/// integers and length-prefixed UTF-8 text. `ChargeStore` decodes them in order.
final class RowBatch {
  /// Operation codes.
  enum Opcode: UInt8 {
    /// A new `importScope` row: id, format, account, period start and end, currency.
    case scope = 1
    /// A new `chargeProfile` row: id, then each profile column as a tagged value.
    case profile = 2
    /// A `charge` row: scope, file, line, month, profile, then each per-charge column.
    case charge = 3
    /// A `rejectedRow`: file, line, reason, content.
    case rejected = 4
    /// An `aiUsage` row: scope, file, line, month, then the fields of a `UsageRecord`.
    case usage = 5
  }

  /// Tags of encoded column values.
  enum ValueTag: UInt8 {
    case null = 0
    case integer = 1
    case text = 2
    case real = 3
  }

  /// The size past which a batch is handed to the writer thread.
  static let flushThreshold = 1 << 20

  var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(Self.flushThreshold + (64 << 10)) }

  var isFull: Bool { bytes.count >= Self.flushThreshold }

  func reset() { bytes.removeAll(keepingCapacity: true) }

  @inline(__always)
  func append(_ opcode: Opcode) { bytes.append(opcode.rawValue) }

  @inline(__always)
  func append(_ tag: ValueTag) { bytes.append(tag.rawValue) }

  @inline(__always)
  func append(_ value: Int64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  @inline(__always)
  func append(_ value: Double) { append(Int64(bitPattern: value.bitPattern)) }

  @inline(__always)
  func appendText(_ text: UnsafeBufferPointer<UInt8>) {
    withUnsafeBytes(of: UInt32(text.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: text)
  }

  func appendText(_ text: String) {
    var copy = text
    copy.withUTF8 { appendText($0) }
  }

  /// Appends optional text as a tagged value (null or text).
  func appendOptionalText(_ text: String?) {
    guard let text else {
      append(.null)
      return
    }
    append(.text)
    appendText(text)
  }
}

/// Reads back what a `RowBatch` holds.
struct RowBatchCursor {
  let base: UnsafeRawPointer
  let count: Int
  var offset = 0

  var atEnd: Bool { offset >= count }

  @inline(__always)
  mutating func byte() -> UInt8 {
    let value = base.load(fromByteOffset: offset, as: UInt8.self)
    offset += 1
    return value
  }

  @inline(__always)
  mutating func integer() -> Int64 {
    let value = Int64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    offset += 8
    return value
  }

  @inline(__always)
  mutating func real() -> Double { Double(bitPattern: UInt64(bitPattern: integer())) }

  /// The next text value, as a pointer into the batch and a length.
  @inline(__always)
  mutating func text() -> (UnsafeRawPointer, Int) {
    let length = Int(
      UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    )
    let start = base + offset + 4
    offset += 4 + length
    return (start, length)
  }

  mutating func string() -> String {
    let (start, length) = text()
    return String(
      decoding: UnsafeRawBufferPointer(start: start, count: length),
      as: UTF8.self
    )
  }
}

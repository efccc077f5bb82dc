import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming RFC 4180 CSV reader over bytes, built for large billing exports.
///
/// The reader keeps one growing buffer (bounded by `maximumRecordBytes`) and hands out fields as
/// byte ranges inside it, so no string is created unless the caller asks for one. It handles
/// quoted fields with separators, doubled quotes and line breaks; a UTF-8 byte order mark; CRLF,
/// LF and CR line ends; blank lines; and a last line without a line end. It tells an empty
/// quoted field (`""`, an empty string) from an empty unquoted one (no value).
public final class CSVReader {
  /// The largest record accepted before the reader reports a runaway quote.
  public static let maximumRecordBytes = 64 << 20

  private let source: any ByteSource
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var start = 0
  private var end = 0
  private var atEndOfInput = false
  private var nextLine = 1

  private var starts: UnsafeMutablePointer<Int>
  private var lengths: UnsafeMutablePointer<Int>
  private var flags: UnsafeMutablePointer<UInt8>
  private var fieldCapacity = 64
  private var recordHasEscapes = false

  /// The number of fields in the current record.
  public private(set) var fieldCount = 0
  /// The 1-based line on which the current record starts.
  public private(set) var recordLine = 0
  /// The 1-based line after the current record (useful for counting lines read).
  public var linesRead: Int { nextLine - 1 }

  private static let quotedFlag: UInt8 = 1
  private static let escapedFlag: UInt8 = 2

  /// Creates a reader over a byte source.
  /// - Parameter source: The bytes to parse, for example from `ByteSources.open(path:)`.
  public init(source: any ByteSource) {
    self.source = source
    capacity = 1 << 20
    storage = .allocate(capacity: capacity)
    starts = .allocate(capacity: fieldCapacity)
    lengths = .allocate(capacity: fieldCapacity)
    flags = .allocate(capacity: fieldCapacity)
  }

  deinit {
    storage.deallocate()
    starts.deallocate()
    lengths.deallocate()
    flags.deallocate()
  }

  /// Bytes of the underlying file consumed so far.
  public var consumedFileBytes: Int64 { source.consumedFileBytes }

  /// Advances to the next record, skipping blank lines.
  /// - Returns: `false` at the end of the input.
  /// - Throws: `CSVError` for malformed CSV or unreadable input.
  public func nextRecord() throws(CSVError) -> Bool {
    if nextLine == 1 && start == 0 && end == 0 {
      try fill()
      skipByteOrderMark()
    }
    while true {
      switch try scanRecord() {
      case .record:
        if fieldCount == 1 && lengths[0] == 0 && flags[0] == 0 { continue }  // blank line
        unescapeFields()
        return true
      case .endOfInput:
        return false
      case .needMoreInput:
        try fill()
      }
    }
  }

  /// The bytes of field `index` of the current record (quotes removed, doubled quotes undone).
  /// - Parameter index: The 0-based field index, below `fieldCount`.
  /// - Returns: A buffer valid until the next call to `nextRecord()`.
  @inline(__always)
  public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: storage + starts[index], count: lengths[index])
  }

  /// Whether field `index` was written in quotes.
  /// - Parameter index: The 0-based field index.
  /// - Returns: `true` for a quoted field, even an empty one.
  @inline(__always)
  public func isQuoted(_ index: Int) -> Bool { flags[index] & Self.quotedFlag != 0 }

  /// Whether field `index` holds no value: empty and unquoted, or the unquoted word `NULL`.
  /// - Parameter index: The 0-based field index.
  /// - Returns: `true` when the field is null.
  @inline(__always)
  public func isNull(_ index: Int) -> Bool {
    if flags[index] & Self.quotedFlag != 0 { return false }
    let length = lengths[index]
    if length == 0 { return true }
    guard length == 4 else { return false }
    let bytes = storage + starts[index]
    return (bytes[0] | 0x20) == UInt8(ascii: "n") && (bytes[1] | 0x20) == UInt8(ascii: "u")
      && (bytes[2] | 0x20) == UInt8(ascii: "l") && (bytes[3] | 0x20) == UInt8(ascii: "l")
  }

  /// Field `index` as a Swift string (invalid UTF-8 is replaced).
  /// - Parameter index: The 0-based field index.
  /// - Returns: The field's text.
  public func string(_ index: Int) -> String {
    String(decoding: field(index), as: UTF8.self)
  }

  /// All fields of the current record as strings.
  /// - Returns: The record's fields.
  public func strings() -> [String] { (0..<fieldCount).map(string) }

  /// The raw text of the current record, re-joined as CSV, for keeping rejected rows.
  /// - Returns: The record in CSV form.
  public func recordText() -> String {
    (0..<fieldCount).map { index in
      let text = string(index)
      let needsQuotes =
        isQuoted(index)
        || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }.joined(separator: ",")
  }

  // MARK: - Scanning

  private enum ScanResult {
    case record
    case needMoreInput
    case endOfInput
  }

  private func skipByteOrderMark() {
    if end - start >= 3, storage[start] == 0xEF, storage[start + 1] == 0xBB,
      storage[start + 2] == 0xBF
    {
      start += 3
    }
  }

  /// Finds the fields of one record starting at `start`.
  ///
  /// Leaves `start` unchanged unless a whole
  /// record was found, so a record cut by the end of the buffer is rescanned after `fill()`.
  private func scanRecord() throws(CSVError) -> ScanResult {
    if start == end {
      return atEndOfInput ? .endOfInput : .needMoreInput
    }
    let base = storage
    var position = start
    var lineBreaks = 0
    var count = 0
    let limit = end
    while true {
      if count == fieldCapacity { growFields() }
      if position < limit && base[position] == UInt8(ascii: "\"") {
        // Quoted field: find the closing quote, skipping doubled quotes.
        var flag = Self.quotedFlag
        var search = position + 1
        var closing = -1
        while search < limit {
          guard let found = memchr(base + search, Int32(UInt8(ascii: "\"")), limit - search)
          else {
            search = limit
            break
          }
          let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          if quote + 1 < limit && base[quote + 1] == UInt8(ascii: "\"") {
            flag |= Self.escapedFlag
            recordHasEscapes = true
            search = quote + 2
            continue
          }
          if quote + 1 == limit && !atEndOfInput { break }  // might be a doubled quote
          closing = quote
          break
        }
        if closing < 0 {
          if atEndOfInput { throw .unterminatedQuote(line: nextLine + lineBreaks) }
          return .needMoreInput
        }
        var scan = position + 1
        while let found = memchr(base + scan, 10, closing - scan) {
          lineBreaks += 1
          scan = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        starts[count] = position + 1
        lengths[count] = closing - position - 1
        flags[count] = flag
        count += 1
        position = closing + 1
        if position < limit {
          let next = base[position]
          if next != UInt8(ascii: ",") && next != 10 && next != 13 {
            throw .characterAfterClosingQuote(line: nextLine, field: count - 1)
          }
        }
      } else {
        let fieldStart = position
        while position < limit {
          let byte = base[position]
          if byte == UInt8(ascii: ",") || byte == 10 || byte == 13 { break }
          position += 1
        }
        starts[count] = fieldStart
        lengths[count] = position - fieldStart
        flags[count] = 0
        count += 1
      }
      // After a field: a separator, a line end, or the end of the buffer.
      if position >= limit {
        if !atEndOfInput { return .needMoreInput }
        finishRecord(fieldCount: count, next: limit, lineBreaks: lineBreaks)
        return .record
      }
      let byte = base[position]
      if byte == UInt8(ascii: ",") {
        position += 1
        continue
      }
      if byte == 13 {
        if position + 1 >= limit && !atEndOfInput { return .needMoreInput }
        position += (position + 1 < limit && base[position + 1] == 10) ? 2 : 1
      } else {
        position += 1
      }
      finishRecord(fieldCount: count, next: position, lineBreaks: lineBreaks + 1)
      return .record
    }
  }

  private func finishRecord(fieldCount count: Int, next: Int, lineBreaks: Int) {
    fieldCount = count
    recordLine = nextLine
    nextLine += lineBreaks
    start = next
  }

  private func unescapeFields() {
    guard recordHasEscapes else { return }
    recordHasEscapes = false
    for index in 0..<fieldCount where flags[index] & Self.escapedFlag != 0 {
      let bytes = storage + starts[index]
      let length = lengths[index]
      var read = 0
      var write = 0
      while read < length {
        let byte = bytes[read]
        bytes[write] = byte
        write += 1
        read += (byte == UInt8(ascii: "\"") && read + 1 < length) ? 2 : 1
      }
      lengths[index] = write
      flags[index] &= ~Self.escapedFlag
    }
  }

  private func fill() throws(CSVError) {
    if start > 0 {
      let remaining = end - start
      if remaining > 0 { memmove(storage, storage + start, remaining) }
      end = remaining
      start = 0
    }
    if end == capacity {
      guard capacity < Self.maximumRecordBytes else {
        throw .recordTooLarge(line: nextLine, limit: Self.maximumRecordBytes)
      }
      let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      larger.update(from: storage, count: end)
      storage.deallocate()
      storage = larger
      capacity *= 2
    }
    let free = UnsafeMutableRawBufferPointer(start: storage + end, count: capacity - end)
    let count: Int
    do {
      count = try source.read(into: free)
    } catch {
      throw .input(error)
    }
    if count == 0 { atEndOfInput = true }
    end += count
  }

  private func growFields() {
    let newCapacity = fieldCapacity * 2
    let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
    let newLengths = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
    let newFlags = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStarts.update(from: starts, count: fieldCapacity)
    newLengths.update(from: lengths, count: fieldCapacity)
    newFlags.update(from: flags, count: fieldCapacity)
    starts.deallocate()
    lengths.deallocate()
    flags.deallocate()
    starts = newStarts
    lengths = newLengths
    flags = newFlags
    fieldCapacity = newCapacity
  }
}

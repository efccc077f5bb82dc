/// Streams a JSON Lines file (one JSON value per line, as BigQuery and most APIs dump rows)
/// in bounded memory.
///
/// It reads the file in chunks through a `ByteSource` (so `.gz` files are decompressed on the
/// fly) and keeps only the current line, which may not exceed `maximumLineBytes`. Blank lines
/// are skipped, a UTF-8 byte order mark and `\r\n` line ends are accepted. Reading a line and
/// parsing it are separate steps, so an importer can set a malformed line aside
/// (`--skip-bad-rows`) and go on:
///
/// ```swift
/// let reader = try JSONLinesReader(path: path)
/// while try reader.nextLine() {
///   let row = try reader.value()  // JSONSyntaxError: report reader.line, error.offset + 1
/// }
/// ```
public final class JSONLinesReader {
  /// The longest line accepted by default (64 MiB).
  public static let defaultMaximumLineBytes = 64 << 20

  private let source: any ByteSource
  /// The file's path, for messages.
  public let path: String
  private let maximumLineBytes: Int
  private var buffer: UnsafeMutableRawBufferPointer
  private var consumed = 0
  private var end = 0
  private var lineStart = 0
  private var lineEnd = 0
  private var nextLineNumber = 1
  private var exhausted = false

  /// The 1-based line number of the current line.
  public private(set) var line = 0

  /// Bytes of the underlying file consumed so far, for progress reporting.
  public var consumedFileBytes: Int64 { source.consumedFileBytes }

  /// Creates a reader over a byte source.
  /// - Parameters:
  ///   - source: The (decompressed) bytes.
  ///   - path: The file's path, for messages.
  ///   - maximumLineBytes: The longest line accepted.
  public init(
    source: any ByteSource,
    path: String,
    maximumLineBytes: Int = JSONLinesReader.defaultMaximumLineBytes
  ) {
    self.source = source
    self.path = path
    self.maximumLineBytes = maximumLineBytes
    buffer = .allocate(byteCount: min(1 << 20, max(maximumLineBytes, 16)), alignment: 1)
  }

  /// Opens a file, decompressing gzip content.
  /// - Parameters:
  ///   - path: The file.
  ///   - maximumLineBytes: The longest line accepted.
  /// - Throws: `InputError` when the file cannot be opened.
  public convenience init(
    path: String,
    maximumLineBytes: Int = JSONLinesReader.defaultMaximumLineBytes
  ) throws(InputError) {
    self.init(
      source: try ByteSources.open(path: path),
      path: path,
      maximumLineBytes: maximumLineBytes
    )
  }

  deinit {
    buffer.deallocate()
  }

  /// Advances to the next line that is not blank.
  /// - Returns: `false` at the end of the file.
  /// - Throws: `JSONReadError.input` for a read failure, `.lineTooLong` past the limit.
  public func nextLine() throws(JSONReadError) -> Bool {
    while true {
      guard try advance() else { return false }
      var first = lineStart
      if line == 1, lineEnd - first >= 3, buffer[first] == 0xEF, buffer[first + 1] == 0xBB,
        buffer[first + 2] == 0xBF
      {
        first += 3
        lineStart = first
      }
      var index = first
      while index < lineEnd, [0x20, 0x09, 0x0D].contains(buffer[index]) { index += 1 }
      if index < lineEnd { return true }
    }
  }

  /// Calls `body` with the current line's bytes (without the line end).
  /// - Parameter body: Reads the bytes; they are valid only during the call.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  public func withLineBytes<Result, Failure: Error>(
    _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let bytes = UnsafeRawBufferPointer(rebasing: buffer[lineStart..<lineEnd])
      .bindMemory(to: UInt8.self)
    return try body(bytes)
  }

  /// Parses the current line as one JSON value.
  /// - Returns: The value.
  /// - Throws: `JSONSyntaxError` with the byte offset in the line (column = offset + 1).
  public func value() throws(JSONSyntaxError) -> JSONValue {
    try withLineBytes { bytes throws(JSONSyntaxError) in try JSONParser.parse(bytes) }
  }

  /// The current line as text (malformed UTF-8 repaired), for rejected-row records.
  public var lineText: String {
    withLineBytes { String(decoding: $0, as: UTF8.self) }
  }

  /// Finds the next line end, reading and growing the buffer as needed.
  private func advance() throws(JSONReadError) -> Bool {
    var scan = consumed
    while true {
      if let newline = firstNewline(from: scan) {
        setLine(from: consumed, to: newline)
        consumed = newline + 1
        return true
      }
      scan = end
      if exhausted {
        guard consumed < end else { return false }
        setLine(from: consumed, to: end)
        consumed = end
        return true
      }
      let shift = consumed
      if shift > 0, let base = buffer.baseAddress {
        base.copyMemory(from: base + shift, byteCount: end - shift)
        end -= shift
        scan -= shift
        consumed = 0
      }
      if end == buffer.count {
        guard buffer.count < maximumLineBytes else {
          throw .lineTooLong(path: path, line: nextLineNumber, limit: maximumLineBytes)
        }
        let grown = UnsafeMutableRawBufferPointer.allocate(
          byteCount: min(buffer.count * 2, maximumLineBytes),
          alignment: 1
        )
        grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
        buffer.deallocate()
        buffer = grown
      }
      let read: Int
      do {
        read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
      } catch {
        throw .input(error)
      }
      if read == 0 { exhausted = true }
      end += read
    }
  }

  private func firstNewline(from index: Int) -> Int? {
    var position = index
    while position < end {
      if buffer[position] == 0x0A { return position }
      position += 1
    }
    return nil
  }

  /// Makes `[from, to)` the current line, without a trailing `\r`.
  private func setLine(from lower: Int, to upper: Int) {
    lineStart = lower
    lineEnd = upper > lower && buffer[upper - 1] == 0x0D ? upper - 1 : upper
    line = nextLineNumber
    nextLineNumber += 1
  }
}

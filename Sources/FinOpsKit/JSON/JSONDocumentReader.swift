/// Reads a whole JSON document (an API response page) from a file, gzip or not.
///
/// Use `JSONLinesReader` for row dumps: this reader holds the whole document in memory, up to
/// `maximumBytes`.
public enum JSONDocumentReader {
  /// The largest document accepted by default (256 MiB).
  public static let defaultMaximumBytes = 256 << 20

  /// Reads and parses one JSON document.
  /// - Parameters:
  ///   - path: The file.
  ///   - maximumBytes: The largest (decompressed) size accepted.
  /// - Returns: The value.
  /// - Throws: `JSONReadError`: `.syntax` names the line and column of the error.
  public static func read(path: String, maximumBytes: Int = defaultMaximumBytes)
    throws(JSONReadError) -> JSONValue
  {
    let bytes = try readBytes(path: path, maximumBytes: maximumBytes)
    let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return try bytes.withUnsafeBufferPointer { buffer throws(JSONReadError) in
      let text = UnsafeBufferPointer(rebasing: buffer[skip...])
      do throws(JSONSyntaxError) {
        return try JSONParser.parse(text)
      } catch {
        let (line, column) = position(of: error.offset, in: text)
        throw .syntax(path: path, line: line, column: column, reason: error.reason)
      }
    }
  }

  /// Reads a whole (decompressed) file into memory.
  /// - Parameters:
  ///   - path: The file, gzip or not.
  ///   - maximumBytes: The largest size accepted.
  /// - Returns: The bytes.
  /// - Throws: `JSONReadError.input` or `.documentTooLarge`.
  static func readBytes(path: String, maximumBytes: Int) throws(JSONReadError) -> [UInt8] {
    let source: any ByteSource
    do {
      source = try ByteSources.open(path: path)
    } catch {
      throw .input(error)
    }
    var bytes: [UInt8] = []
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { chunk.deallocate() }
    while true {
      let count: Int
      do {
        count = try source.read(into: chunk)
      } catch {
        throw .input(error)
      }
      if count == 0 { break }
      guard bytes.count + count <= maximumBytes else {
        throw .documentTooLarge(path: path, limit: maximumBytes)
      }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
    }
    return bytes
  }

  /// The 1-based line and byte column of an offset.
  /// - Parameters:
  ///   - offset: A 0-based byte offset.
  ///   - text: The text.
  /// - Returns: Line and column.
  static func position(of offset: Int, in text: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, text.count) where text[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return (line, offset - lineStart + 1)
  }
}

/// A stream of bytes read in chunks: a plain file or a decompressed gzip file.
public protocol ByteSource: AnyObject {
  /// Reads up to `buffer.count` bytes into `buffer`.
  /// - Parameter buffer: Where the bytes go.
  /// - Returns: The number of bytes read; 0 at the end of the stream.
  /// - Throws: `InputError` when the underlying file cannot be read or decoded.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int

  /// How many bytes of the underlying file have been consumed (for progress reporting).
  var consumedFileBytes: Int64 { get }
}

/// Opens the right `ByteSource` for a path: gzip by its magic bytes, otherwise the plain file.
public enum ByteSources {
  /// Opens a file, transparently decompressing gzip content.
  /// - Parameter path: The file to read.
  /// - Returns: A byte source positioned at the start of the (decompressed) content.
  /// - Throws: `InputError` when the file cannot be opened or claims gzip but is not.
  public static func open(path: String) throws(InputError) -> any ByteSource {
    let file = try FileByteSource(path: path)
    let magic = UnsafeMutableRawBufferPointer.allocate(byteCount: 2, alignment: 1)
    defer { magic.deallocate() }
    var count = 0
    while count < 2 {
      let read = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: magic[count...]))
      if read == 0 { break }
      count += read
    }
    try file.rewind()
    let looksGzip = count == 2 && magic[0] == 0x1F && magic[1] == 0x8B
    if looksGzip { return try GzipByteSource(file: file) }
    if path.lowercased().hasSuffix(".gz") {
      throw .notGzip(path: path)
    }
    return file
  }
}

import CZlib

/// Decompresses a gzip file (one or more concatenated members) as it is read.
public final class GzipByteSource: ByteSource {
  private let file: FileByteSource
  private var stream = z_stream()
  private var input: UnsafeMutableRawBufferPointer
  private var finished = false
  private var sawData = false

  /// Bytes of the compressed file consumed so far.
  public var consumedFileBytes: Int64 { file.consumedFileBytes }

  /// Wraps a file positioned at the start of gzip data.
  /// - Parameter file: The compressed file.
  /// - Throws: `InputError.corruptGzip` if zlib cannot start.
  public init(file: FileByteSource) throws(InputError) {
    self.file = file
    input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
    // 15 + 16: a gzip wrapper (not zlib, not raw deflate) with the largest window.
    let status = inflateInit2_(
      &stream,
      15 + 16,
      ZLIB_VERSION,
      Int32(MemoryLayout<z_stream>.size)
    )
    guard status == Z_OK else {
      input.deallocate()
      throw .corruptGzip(path: file.path, reason: "zlib could not start (\(status))")
    }
  }

  deinit {
    inflateEnd(&stream)
    input.deallocate()
  }

  /// Reads decompressed bytes.
  /// - Parameter buffer: Where the bytes go.
  /// - Returns: Bytes produced; 0 at the end of the last gzip member.
  /// - Throws: `InputError.corruptGzip` for damaged or truncated data.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let outputBase = buffer.baseAddress, buffer.count > 0, !finished else { return 0 }
    stream.next_out = outputBase.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = UInt32(clamping: buffer.count)
    while stream.avail_out > 0 {
      if stream.avail_in == 0 {
        let count = try file.read(into: input)
        if count == 0 {
          if sawData {
            throw .corruptGzip(path: file.path, reason: "the file ends inside a gzip member")
          }
          finished = true
          break
        }
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = UInt32(count)
      }
      sawData = true
      let status = inflate(&stream, Z_NO_FLUSH)
      if status == Z_STREAM_END {
        sawData = false
        // Another member may follow (concatenated gzip); start it if bytes remain.
        if stream.avail_in == 0 {
          let count = try file.read(into: input)
          if count == 0 {
            finished = true
            break
          }
          stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
          stream.avail_in = UInt32(count)
        }
        inflateReset(&stream)
        continue
      }
      if status != Z_OK && status != Z_BUF_ERROR {
        let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        throw .corruptGzip(path: file.path, reason: message)
      }
    }
    return buffer.count - Int(stream.avail_out)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file with POSIX `read(2)`, without loading it into memory.
public final class FileByteSource: ByteSource {
  /// The path the file was opened from.
  public let path: String
  private let descriptor: Int32
  /// Bytes read so far.
  public private(set) var consumedFileBytes: Int64 = 0

  /// Opens a file for reading.
  /// - Parameter path: The file to read.
  /// - Throws: `InputError.cannotOpen` with the system's reason.
  public init(path: String) throws(InputError) {
    self.path = path
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    var status = stat()
    if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw .cannotOpen(path: path, reason: "is a directory")
    }
    descriptor = fd
  }

  deinit { close(descriptor) }

  /// The size of the file in bytes.
  public var size: Int64 {
    var status = stat()
    return fstat(descriptor, &status) == 0 ? Int64(status.st_size) : 0
  }

  /// Reads the next chunk.
  /// - Parameter buffer: Where the bytes go.
  /// - Returns: Bytes read; 0 at end of file.
  /// - Throws: `InputError.readFailed`.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      let count = Glibc.read(descriptor, base, buffer.count)
      if count >= 0 {
        consumedFileBytes += Int64(count)
        return count
      }
      if errno == EINTR { continue }
      throw .readFailed(path: path, reason: String(cString: strerror(errno)))
    }
  }

  /// Goes back to the start of the file.
  /// - Throws: `InputError.readFailed` if the file cannot seek.
  public func rewind() throws(InputError) {
    guard lseek(descriptor, 0, SEEK_SET) == 0 else {
      throw .readFailed(path: path, reason: String(cString: strerror(errno)))
    }
    consumedFileBytes = 0
  }
}

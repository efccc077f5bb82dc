import COpenSSLCrypto

/// SHA-256 of a file's bytes, used to recognize content already imported.
public enum ContentHasher {
  /// Hashes a whole file as stored on disk (compressed files are hashed compressed).
  /// - Parameter path: The file to hash.
  /// - Returns: The lowercase hexadecimal SHA-256 digest.
  /// - Throws: `InputError` when the file cannot be read.
  public static func sha256(path: String) throws(InputError) -> String {
    let file = try FileByteSource(path: path)
    guard let context = EVP_MD_CTX_new() else {
      throw .readFailed(path: path, reason: "libcrypto could not allocate a digest")
    }
    defer { EVP_MD_CTX_free(context) }
    EVP_DigestInit_ex(context, EVP_sha256(), nil)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let count = try file.read(into: buffer)
      if count == 0 { break }
      EVP_DigestUpdate(context, buffer.baseAddress, count)
    }
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    EVP_DigestFinal_ex(context, &digest, &length)
    return hex(digest)
  }

  /// Hashes a list of strings (used to name a batch by the digests of its files).
  /// - Parameter parts: The strings, hashed in order with a separator.
  /// - Returns: The lowercase hexadecimal SHA-256 digest.
  public static func sha256(of parts: [String]) -> String {
    var bytes: [UInt8] = []
    for part in parts {
      bytes.append(contentsOf: part.utf8)
      bytes.append(0)
    }
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    guard let context = EVP_MD_CTX_new() else { return "" }
    defer { EVP_MD_CTX_free(context) }
    EVP_DigestInit_ex(context, EVP_sha256(), nil)
    EVP_DigestUpdate(context, bytes, bytes.count)
    EVP_DigestFinal_ex(context, &digest, &length)
    return hex(digest)
  }

  private static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}

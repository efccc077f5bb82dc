import Foundation

/// A charge profile's serialized attributes, used as the key of the writer's profile map.
///
/// The bytes are hashed once, in bulk: hashing an `[UInt8]` element by element was the hottest
/// spot of an ingest. Equality compares the bytes with `memcmp`.
struct ProfileKey: Hashable {
  let bytes: [UInt8]
  let hashCode: Int

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var hasher = Hasher()
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    hashCode = hasher.finalize()
  }

  func hash(into hasher: inout Hasher) { hasher.combine(hashCode) }

  static func == (lhs: ProfileKey, rhs: ProfileKey) -> Bool {
    guard lhs.hashCode == rhs.hashCode, lhs.bytes.count == rhs.bytes.count else { return false }
    return lhs.bytes.withUnsafeBytes { left in
      rhs.bytes.withUnsafeBytes { right in
        guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else {
          return left.count == right.count
        }
        return memcmp(leftBase, rightBase, left.count) == 0
      }
    }
  }
}

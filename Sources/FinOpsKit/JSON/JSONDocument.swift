/// A parsed JSON document that remembers where each of its values starts, so that messages
/// about a bad value can name its line and column.
///
/// Built by `JSONParser.parseDocument`; navigate it through `rootNode`. The values themselves
/// are plain `JSONValue`s: positions are kept beside them, in document order.
public struct JSONDocument: Sendable {
  /// Where one value starts, and how many values it contains.
  struct Position: Sendable {
    /// The 0-based byte offset of the value's first character.
    var offset: Int
    /// The 1-based line.
    var line = 1
    /// The 1-based column, in bytes.
    var column = 1
    /// The number of values nested inside this one (all levels).
    var descendants = 0

    init(offset: Int) {
      self.offset = offset
    }
  }

  /// The root value.
  public let root: JSONValue
  /// One position per value, in document (pre-)order.
  let positions: [Position]

  /// Creates a document and turns the recorded byte offsets into lines and columns.
  /// - Parameters:
  ///   - root: The root value.
  ///   - positions: The value positions in document order (offsets only).
  ///   - text: The parsed text.
  init(root: JSONValue, positions: [Position], text: UnsafeBufferPointer<UInt8>) {
    self.root = root
    var located = positions
    // Offsets grow in document order: one pass over the text finds every line.
    var line = 1
    var lineStart = 0
    var scanned = 0
    for slot in located.indices {
      let offset = located[slot].offset
      while scanned < offset {
        if text[scanned] == 0x0A {
          line += 1
          lineStart = scanned + 1
        }
        scanned += 1
      }
      located[slot].line = line
      located[slot].column = offset - lineStart + 1
    }
    self.positions = located
  }

  /// The root value with its position.
  public var rootNode: LocatedJSONValue {
    LocatedJSONValue(value: root, positions: positions, slot: 0)
  }
}

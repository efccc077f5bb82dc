extension MappingPlan {
  /// Converts the value of a source that derives a value from one column instead of copying it:
  /// `json_members` (a JSON object whose braces may be missing) and `next_day`.
  ///
  /// - Returns: `true` when the source was one of these (the field is then done), `false` for
  ///   any other source.
  @inline(__always)
  func convertDerived(
    _ source: Source,
    field: Field,
    position: Int,
    _ reader: CSVReader,
    _ writer: ChargeWriter
  ) throws(RowError) -> Bool {
    switch source {
    case .jsonMembers(let column):
      try convertJSONMembers(column, field: field, position: position, reader, writer)
      return true
    case .nextDay(let column):
      guard !reader.isNull(column), !reader.field(column).isEmpty else {
        if field.notNull { throw emptyError(position) }
        return true
      }
      let bytes = reader.field(column)
      do {
        let day = try Timestamp.parse(bytes, slashOrder: slashDates)
        writer.setTimestamp(field.target, day + 86_400)
      } catch {
        throw RowError(
          column: header[column],
          value: String(decoding: bytes, as: UTF8.self),
          reason: "has unparseable date"
        )
      }
      return true
    default:
      return false
    }
  }

  /// Stores a JSON object written whole or as its bare members.
  ///
  /// Azure cost details write tags as `"a": "b","c": "d"`; others write `{"a": "b"}`. Blank
  /// values are null.
  private func convertJSONMembers(
    _ column: Int,
    field: Field,
    position: Int,
    _ reader: CSVReader,
    _ writer: ChargeWriter
  ) throws(RowError) {
    let bytes = reader.field(column)
    let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard !reader.isNull(column), !isBlank else {
      if field.notNull { throw emptyError(position) }
      return
    }
    try checkText(bytes, column: column, position: position)
    let firstByte = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    scratch.removeAll(keepingCapacity: true)
    if firstByte != UInt8(ascii: "{") { scratch.append(UInt8(ascii: "{")) }
    scratch.append(contentsOf: bytes)
    if firstByte != UInt8(ascii: "{") { scratch.append(UInt8(ascii: "}")) }
    let valid = scratch.withUnsafeBufferPointer { JSONText.isObject($0) }
    guard valid else {
      throw RowError(
        column: header[column],
        value: String(decoding: bytes.prefix(200), as: UTF8.self),
        reason: "is not a JSON object (with or without braces):"
      )
    }
    scratch.withUnsafeBufferPointer { writer.setText(field.target, $0) }
  }
}

/// A mapping resolved against one file's header: for each normalized field, which columns feed
/// it and how, so that rows are converted without any name lookup.
final class MappingPlan {
  indirect enum Source {
    case column(Int)
    case constant(UnsafeBufferPointer<UInt8>)
    case sum([Source])
    case difference(Source, Source)
    case cases(by: Int, table: [String: Source], otherwise: Source?)
    case collect([(index: Int, key: [UInt8])], json: [JSONTagSource])
    case first([Source])
    case jsonValue(column: Int, key: [UInt8])
    case jsonMembers(Int)
    case nextDay(Int)
    case absent
  }

  /// A field of the plan.
  ///
  /// It holds no references, so that the per-row loop copies it without
  /// reference counting; `column >= 0` is the fast path of a plain column.
  struct Field {
    var target: ChargeColumn
    var column: Int
    var source: Int
    var fallback: Int
    var notNull: Bool
  }

  private(set) var fields: [Field] = []
  /// Compiled sources, referred to by index from `fields`.
  private var sources: [Source] = []
  /// Each field's name for messages (its first source column, or the FOCUS name).
  private var names: [String] = []
  let header: [String]
  /// Source column index and its pre-escaped JSON key (`"x_Foo":`).
  private(set) var extras: [(index: Int, key: [UInt8])] = []
  let slashDates: Timestamp.SlashDateOrder
  private var constants: [UnsafeMutableBufferPointer<UInt8>] = []
  var scratch: [UInt8] = []
  private var extrasBuffer: [UInt8] = []
  /// Holds a JSON value whose escapes had to be undone (`jsonValue` sources).
  var unescaped = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)

  /// Resolves a mapping against a header.
  /// - Throws: `ImportError.missingColumns` when the version's required columns are absent.
  init(
    mapping: ImporterMapping,
    fields planned: [(column: ChargeColumn, source: ImporterMapping.FieldSource)],
    header: [String],
    file: ImportFile
  ) throws(ImportError) {
    slashDates = mapping.slashDates ?? .monthFirst
    self.header = header
    var indexByName: [String: Int] = [:]
    for (index, name) in header.enumerated() where indexByName[name.lowercased()] == nil {
      indexByName[name.lowercased()] = index
    }
    let version = mapping.versions.first { $0.version == file.version } ?? mapping.versions.first
    let missing = (version?.required ?? []).filter { indexByName[$0.lowercased()] == nil }
    guard missing.isEmpty else {
      throw .missingColumns(
        path: file.path,
        format: mapping.id,
        version: version?.version,
        columns: missing
      )
    }
    let notNull = Set((version?.notNull ?? []).map { $0.lowercased() })
    var used = Set<Int>()
    for (column, source) in planned {
      var defaultValue: String?
      if case .columns(_, let value) = source { defaultValue = value }
      let referenced = source.referencedColumns.filter { indexByName[$0.lowercased()] != nil }
      let compiled = compile(source, header: header, index: indexByName, used: &used)
      var simple = -1
      if case .column(let index) = compiled { simple = index }
      sources.append(compiled)
      var fallback = -1
      if let defaultValue {
        fallback = sources.count
        sources.append(constant(defaultValue))
      }
      names.append(
        referenced.first.flatMap { indexByName[$0.lowercased()] }.map { header[$0] }
          ?? column.focusName
      )
      fields.append(
        Field(
          target: column,
          column: simple,
          source: sources.count - (fallback >= 0 ? 2 : 1),
          fallback: fallback,
          notNull: source.valueColumns.contains { notNull.contains($0.lowercased()) }
        )
      )
    }
    let ignored = Set((mapping.ignore ?? []).map { $0.lowercased() })
    for (index, name) in header.enumerated()
    where !used.contains(index) && !ignored.contains(name.lowercased()) {
      extras.append((index, Array((JSONText.quoted(name) + ":").utf8)))
    }
    scratch.reserveCapacity(4096)
    extrasBuffer.reserveCapacity(4096)
  }

  deinit {
    for buffer in constants { buffer.deallocate() }
    unescaped.deallocate()
  }

  private func constant(_ text: String) -> Source {
    let bytes = Array(text.utf8)
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    _ = buffer.initialize(from: bytes)
    constants.append(buffer)
    return .constant(UnsafeBufferPointer(rebasing: buffer[0..<bytes.count]))
  }

  private func compile(
    _ source: ImporterMapping.FieldSource,
    header: [String],
    index: [String: Int],
    used: inout Set<Int>
  ) -> Source {
    switch source {
    case .columns(let names, _):
      guard let found = names.first(where: { index[$0.lowercased()] != nil }),
        let column = index[found.lowercased()]
      else { return .absent }
      used.insert(column)
      return .column(column)
    case .constant(let text):
      return constant(text)
    case .sum(let parts):
      return .sum(parts.map { compile($0, header: header, index: index, used: &used) })
    case .difference(let left, let right):
      return .difference(
        compile(left, header: header, index: index, used: &used),
        compile(right, header: header, index: index, used: &used)
      )
    case .cases(let by, let cases, let otherwise):
      let fallback = otherwise.map { compile($0, header: header, index: index, used: &used) }
      guard let column = index[by.lowercased()] else {
        // An absent column reads as empty on every row.
        let empty = cases[""].map { compile($0, header: header, index: index, used: &used) }
        return empty ?? fallback ?? .absent
      }
      used.insert(column)
      var table: [String: Source] = [:]
      for (value, branch) in cases {
        table[value] = compile(branch, header: header, index: index, used: &used)
      }
      return .cases(by: column, table: table, otherwise: fallback)
    case .first(let parts):
      return .first(parts.map { compile($0, header: header, index: index, used: &used) })
    case .jsonValue(let name, let key):
      guard let column = index[name.lowercased()] else { return .absent }
      used.insert(column)
      return .jsonValue(column: column, key: Array(key.utf8))
    case .collect(let prefixes):
      let json = Self.jsonTagSources(prefixes, index: index, used: &used)
      var members: [(Int, [UInt8])] = []
      for (column, name) in header.enumerated() {
        guard
          let prefix = prefixes.first(where: { $0.json == nil && name.hasPrefix($0.prefix) })
        else { continue }
        let key = (prefix.keyPrefix ?? "") + String(name.dropFirst(prefix.prefix.count))
        guard !key.isEmpty else { continue }
        used.insert(column)
        members.append((column, Array((JSONText.quoted(key) + ":").utf8)))
      }
      return members.isEmpty && json.isEmpty ? .absent : .collect(members, json: json)
    case .jsonMembers(let name), .nextDay(let name):
      guard let column = index[name.lowercased()] else { return .absent }
      used.insert(column)
      if case .nextDay = source { return .nextDay(column) }
      return .jsonMembers(column)
    }
  }

  // MARK: - Rows

  /// Converts the current record of `reader` into the writer's row.
  func convert(_ reader: CSVReader, into writer: ChargeWriter) throws(RowError) {
    writer.beginRow()
    for position in fields.indices {
      let field = fields[position]
      let kind = field.target.kind
      if field.column >= 0 {
        // Fast path: a plain column.
        let index = field.column
        if !reader.isNull(index) && (kind == .text || !reader.field(index).isEmpty) {
          let bytes = reader.field(index)
          if kind == .money {
            do {
              writer.setMoney(
                field.target,
                try ScaledDecimal.parse(bytes, scale: ChargeColumn.moneyScale)
              )
            } catch {
              throw RowError(column: header[index], value: text(bytes), reason: numberReason(error))
            }
          } else {
            try set(bytes, field: field, from: index, position: position, writer)
          }
          continue
        }
        if field.fallback < 0 {
          if field.notNull { throw emptyError(position) }
          continue
        }
      }
      if kind == .money {
        var amount = try money(sources[field.source], reader, position: position)
        if amount == nil && field.fallback >= 0 {
          amount = try money(sources[field.fallback], reader, position: position)
        }
        guard let nanos = amount else {
          if field.notNull { throw emptyError(position, reader) }
          continue
        }
        writer.setMoney(field.target, nanos)
        continue
      }
      if case .collect(let members, let json) = sources[field.source] {
        if try jsonObject(of: members, reader, into: &scratch, skippingEmpty: true) {
          scratch.removeLast()  // reopened for the JSON-map tags
        }
        try appendJSONTags(json, reader, into: &scratch)
        if !scratch.isEmpty {
          scratch.append(UInt8(ascii: "}"))
          scratch.withUnsafeBufferPointer { writer.setText(field.target, $0) }
        } else if field.notNull {
          throw emptyError(position)
        }
        continue
      }
      if try convertDerived(sources[field.source], field: field, position: position, reader, writer)
      {
        continue
      }
      guard
        let (bytes, column) = value(sources[field.source], reader, kind: kind)
          ?? (field.fallback >= 0 ? value(sources[field.fallback], reader, kind: kind) : nil)
      else {
        if field.notNull { throw emptyError(position, reader) }
        continue
      }
      try set(bytes, field: field, from: column, position: position, writer)
    }
    guard !extras.isEmpty else { return }
    if try jsonObject(of: extras, reader, into: &extrasBuffer, skippingEmpty: false) {
      extrasBuffer.withUnsafeBufferPointer { writer.setText(.extras, $0) }
    }
  }

  /// The name to show for a value: its source column, or the field's name for constants.
  private func name(_ column: Int, _ position: Int) -> String {
    column >= 0 ? header[column] : names[position]
  }

  /// A source column's name as written in the header.
  func columnName(_ index: Int) -> String { header[index] }

  func emptyError(_ position: Int, _ reader: CSVReader? = nil) -> RowError {
    let column = reader.flatMap { valueColumn(sources[fields[position].source], $0) }
    return RowError(
      column: column.map(columnName) ?? names[position],
      reason: "is empty but the format requires a value"
    )
  }

  /// The bytes a source yields for this row, with the index of the column they come from (-1
  /// for a constant) for messages.
  ///
  /// An empty value is null, even quoted, except in text fields where "" is a value.
  @inline(__always)
  private func value(_ source: Source?, _ reader: CSVReader, kind: ChargeColumn.Kind)
    -> (UnsafeBufferPointer<UInt8>, Int)?
  {
    switch source {
    case .column(let index):
      guard !reader.isNull(index), kind == .text || !reader.field(index).isEmpty else {
        return nil
      }
      return (reader.field(index), index)
    case .constant(let bytes):
      return (bytes, -1)
    case .cases(let by, let table, let otherwise):
      return value(branch(by, table, otherwise, reader), reader, kind: kind)
    case .first(let parts):
      for part in parts {
        if let found = value(part, reader, kind: kind) { return found }
      }
      return nil
    case .jsonValue(let column, let key):
      return jsonValue(column: column, key: key, reader)
    case .sum, .difference, .collect, .jsonMembers, .nextDay, .absent, nil:
      return nil
    }
  }

  func branch(
    _ by: Int,
    _ table: [String: Source],
    _ otherwise: Source?,
    _ reader: CSVReader
  )
    -> Source?
  {
    guard !reader.isNull(by) else { return table[""] ?? otherwise }
    return table[String(decoding: reader.field(by), as: UTF8.self)] ?? otherwise
  }

  /// The amount a money source yields for this row, in nano-units.
  private func money(_ source: Source?, _ reader: CSVReader, position: Int) throws(RowError)
    -> Int64?
  {
    switch source {
    case .column, .constant, .jsonValue:
      guard let (bytes, column) = value(source, reader, kind: .money) else { return nil }
      do {
        return try ScaledDecimal.parse(bytes, scale: ChargeColumn.moneyScale)
      } catch {
        throw RowError(
          column: name(column, position),
          value: text(bytes),
          reason: numberReason(error)
        )
      }
    case .sum(let parts):
      var total: Int64?
      for part in parts {
        guard let amount = try money(part, reader, position: position) else { continue }
        let (sum, overflow) = (total ?? 0).addingReportingOverflow(amount)
        guard !overflow else {
          throw RowError(column: names[position], reason: "sum is out of range")
        }
        total = sum
      }
      return total
    case .difference(let left, let right):
      let minuend = try money(left, reader, position: position)
      let subtrahend = try money(right, reader, position: position)
      guard minuend != nil || subtrahend != nil else { return nil }
      let (result, overflow) = (minuend ?? 0).subtractingReportingOverflow(subtrahend ?? 0)
      guard !overflow else {
        throw RowError(column: names[position], reason: "difference is out of range")
      }
      return result
    case .cases(let by, let table, let otherwise):
      return try money(branch(by, table, otherwise, reader), reader, position: position)
    case .first(let parts):
      for part in parts {
        if let amount = try money(part, reader, position: position) { return amount }
      }
      return nil
    case .collect, .jsonMembers, .nextDay, .absent, nil:
      return nil
    }
  }

  /// Builds a JSON object of string values from member columns into `buffer`.
  ///
  /// Returns `false` when no member has a value. Null values are left out, and empty ones too
  /// when `skippingEmpty`.
  private func jsonObject(
    of members: [(index: Int, key: [UInt8])],
    _ reader: CSVReader,
    into buffer: inout [UInt8],
    skippingEmpty: Bool
  ) throws(RowError) -> Bool {
    buffer.removeAll(keepingCapacity: true)
    for (index, key) in members where !reader.isNull(index) {
      let value = reader.field(index)
      if skippingEmpty && value.isEmpty { continue }
      try checkText(value, column: index, position: 0)
      buffer.append(buffer.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
      buffer.append(contentsOf: key)
      buffer.append(UInt8(ascii: "\""))
      JSONText.appendEscaped(value, to: &buffer)
      buffer.append(UInt8(ascii: "\""))
    }
    guard !buffer.isEmpty else { return false }
    buffer.append(UInt8(ascii: "}"))
    return true
  }

  @inline(__always)
  private func set(
    _ bytes: UnsafeBufferPointer<UInt8>,
    field: Field,
    from column: Int,
    position: Int,
    _ writer: ChargeWriter
  ) throws(RowError) {
    let target = field.target
    switch target.kind {
    case .text:
      try checkText(bytes, column: column, position: position)
      writer.setText(target, bytes)
    case .money:
      break  // handled by `money(_:_:position:)`
    case .quantity:
      do {
        writer.setQuantity(target, try ScaledDecimal.double(bytes))
      } catch {
        throw RowError(
          column: name(column, position),
          value: text(bytes),
          reason: numberReason(error)
        )
      }
    case .decimalText:
      do {
        _ = try ScaledDecimal.double(bytes)
      } catch {
        throw RowError(
          column: name(column, position),
          value: text(bytes),
          reason: numberReason(error)
        )
      }
      writer.setText(target, bytes)
    case .timestamp:
      do {
        writer.setTimestamp(target, try Timestamp.parse(bytes, slashOrder: slashDates))
      } catch {
        throw RowError(
          column: name(column, position),
          value: text(bytes),
          reason: "has unparseable date"
        )
      }
    case .jsonObject:
      try checkText(bytes, column: column, position: position)
      guard JSONText.isObject(bytes) else {
        throw RowError(
          column: name(column, position),
          value: text(bytes),
          reason: "is not a JSON object:"
        )
      }
      writer.setText(target, bytes)
    }
  }

  func checkText(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, position: Int)
    throws(RowError)
  {
    do {
      try UTF8Check.validate(bytes)
    } catch {
      let shown = String(decoding: bytes.prefix(60), as: UTF8.self)
        .replacingOccurrences(of: "\u{0}", with: "\\0")
      throw RowError(
        column: name(column, position),
        value: shown,
        reason: error == .nulByte ? "contains a NUL byte:" : "is not valid UTF-8:"
      )
    }
  }

  private func numberReason(_ failure: ScaledDecimal.Failure) -> String {
    switch failure {
    case .notANumber: return "has non-numeric value"
    case .outOfRange: return "has a value out of range"
    }
  }

  private func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}

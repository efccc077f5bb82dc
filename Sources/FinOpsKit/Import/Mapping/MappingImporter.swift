import Yams

/// Runs a declarative mapping (`importers/<id>.yaml`) over a CSV export.
///
/// For each file it resolves, once, which source column feeds each normalized field, then reads
/// rows straight from the CSV buffer into the charge writer. Source columns that feed no field
/// are kept as a JSON object in the `extras` column, so nothing in the export is lost.
public struct MappingImporter: Importer {
  /// The mapping being run.
  public let mapping: ImporterMapping
  /// Where the mapping came from (a built-in name or a file path), for messages.
  public let source: String
  private let plannedFields: [(column: ChargeColumn, source: ImporterMapping.FieldSource)]

  /// What the importer is, from the mapping.
  public var descriptor: ImporterDescriptor {
    ImporterDescriptor(
      id: mapping.id,
      displayName: mapping.displayName,
      summary: mapping.summary,
      fileKinds: [.csv],
      examples: mapping.examples
    )
  }

  /// Creates an importer from a decoded mapping.
  /// - Parameters:
  ///   - mapping: The mapping.
  ///   - source: Its origin, for messages.
  /// - Throws: `MappingError.unknownField` for a field that is not a charge column.
  public init(mapping: ImporterMapping, source: String) throws(MappingError) {
    self.mapping = mapping
    self.source = source
    var planned: [(ChargeColumn, ImporterMapping.FieldSource)] = []
    for key in mapping.fields.keys.sorted() {
      guard let column = ChargeColumn.named(key), column != .extras, let field = mapping.fields[key]
      else { throw .unknownField(source: source, field: key) }
      planned.append((column, field))
    }
    plannedFields = planned.sorted { $0.0.rawValue < $1.0.rawValue }
  }

  /// Decodes a mapping from YAML text.
  /// - Parameters:
  ///   - yaml: The YAML text.
  ///   - source: Its origin, for messages.
  /// - Throws: `MappingError` when the YAML does not fit the schema.
  public init(yaml: String, source: String) throws(MappingError) {
    let mapping: ImporterMapping
    do {
      mapping = try YAMLDecoder().decode(ImporterMapping.self, from: yaml)
    } catch {
      throw .invalid(source: source, reason: String(describing: error))
    }
    try self.init(mapping: mapping, source: source)
  }

  /// Recognizes a CSV whose header has every `detect` column (case-insensitively).
  /// - Parameter sample: The file's header.
  /// - Returns: A match with the version, or the missing detection columns.
  public func recognize(_ sample: FileSample) -> Recognition {
    guard sample.kind == .csv else { return .miss(missing: mapping.detect) }
    let header = Set(sample.header.map { $0.lowercased() })
    let missing = mapping.detect.filter { !header.contains($0.lowercased()) }
    guard missing.isEmpty else { return .miss(missing: missing) }
    return .match(version: version(for: header)?.version)
  }

  private func version(for header: Set<String>) -> ImporterMapping.Version? {
    mapping.versions.first { version in
      guard let signature = version.signature, !signature.isEmpty else { return true }
      return signature.contains { header.contains($0.lowercased()) }
    }
  }

  /// Imports every row of a CSV file.
  /// - Parameters:
  ///   - file: The file.
  ///   - writer: Where rows go.
  ///   - rows: What to do with bad rows.
  /// - Throws: `ImportError` for a file that cannot be imported.
  public func importFile(_ file: ImportFile, into writer: ChargeWriter, rows: RowPolicy)
    throws(ImportError)
  {
    let reader: CSVReader
    do {
      reader = CSVReader(source: try ByteSources.open(path: file.path))
    } catch {
      throw .input(error)
    }
    guard try readRecord(reader, file) else { throw .emptyFile(path: file.path) }
    let header = reader.strings()
    let plan = try makePlan(header: header, file: file)
    var extras: [UInt8] = []
    extras.reserveCapacity(4096)
    let expectedFields = header.count
    while try readRecord(reader, file) {
      let line = reader.recordLine
      if reader.fieldCount != expectedFields {
        try rows.reject(
          .fieldCount(
            path: file.path,
            format: mapping.id,
            line: line,
            expected: expectedFields,
            actual: reader.fieldCount
          ),
          line: line,
          content: reader.recordText
        )
        continue
      }
      var rowError: RowError?
      do throws(RowError) {
        try convertRow(reader, plan: plan, extras: &extras, writer: writer)
      } catch {
        rowError = error
      }
      if rowError == nil {
        do {
          try writer.finishRow(line: line)
        } catch let error as RowError {
          rowError = error
        } catch {
          throw .store(.sqlite(reason: SpendDatabase.reason(error)))
        }
      }
      if let rowError {
        try rows.reject(
          .badRow(path: file.path, format: mapping.id, line: line, rowError),
          line: line,
          content: reader.recordText
        )
      }
      if writer.rowCount & 0x3FFF == 0 {
        writer.reportProgress(consumedFileBytes: reader.consumedFileBytes)
      }
    }
    writer.reportProgress(consumedFileBytes: reader.consumedFileBytes)
  }

  private func readRecord(_ reader: CSVReader, _ file: ImportFile) throws(ImportError) -> Bool {
    do {
      return try reader.nextRecord()
    } catch {
      throw .csv(path: file.path, format: mapping.id, error)
    }
  }

  // MARK: - Plan

  private struct Plan {
    struct Field {
      var column: ChargeColumn
      var index: Int?
      var name: String
      var defaultValue: String?
      var notNull: Bool
    }
    var fields: [Field]
    /// Source column index and its pre-escaped JSON key (`"x_Foo":`).
    var extras: [(index: Int, key: [UInt8])]
    var slashDates: Timestamp.SlashDateOrder
  }

  private func makePlan(header: [String], file: ImportFile) throws(ImportError) -> Plan {
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
    var fields: [Plan.Field] = []
    for (column, source) in plannedFields {
      let found = source.columns.first { indexByName[$0.lowercased()] != nil }
      let index = found.flatMap { indexByName[$0.lowercased()] }
      if let index { used.insert(index) }
      fields.append(
        Plan.Field(
          column: column,
          index: index,
          name: found.map { header[indexByName[$0.lowercased()] ?? 0] } ?? column.focusName,
          defaultValue: source.defaultValue,
          notNull: found.map { notNull.contains($0.lowercased()) } ?? false
        )
      )
    }
    let ignored = Set((mapping.ignore ?? []).map { $0.lowercased() })
    var extras: [(Int, [UInt8])] = []
    for (index, name) in header.enumerated()
    where !used.contains(index) && !ignored.contains(name.lowercased()) {
      extras.append((index, Array((JSONText.quoted(name) + ":").utf8)))
    }
    return Plan(fields: fields, extras: extras, slashDates: mapping.slashDates ?? .monthFirst)
  }

  // MARK: - Rows

  private func convertRow(
    _ reader: CSVReader,
    plan: Plan,
    extras: inout [UInt8],
    writer: ChargeWriter
  ) throws(RowError) {
    writer.beginRow()
    for field in plan.fields {
      // An empty value is null, even quoted, except in text columns where "" is a value.
      guard let index = field.index, !reader.isNull(index),
        field.column.kind == .text || !reader.field(index).isEmpty
      else {
        if field.notNull {
          throw RowError(column: field.name, reason: "is empty but the format requires a value")
        }
        if let constant = field.defaultValue {
          try setConstant(constant, field: field, writer: writer)
        }
        continue
      }
      try set(reader.field(index), field: field, plan: plan, writer: writer)
    }
    guard !plan.extras.isEmpty else { return }
    extras.removeAll(keepingCapacity: true)
    for (index, key) in plan.extras where !reader.isNull(index) {
      extras.append(extras.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
      extras.append(contentsOf: key)
      extras.append(UInt8(ascii: "\""))
      JSONText.appendEscaped(reader.field(index), to: &extras)
      extras.append(UInt8(ascii: "\""))
    }
    if !extras.isEmpty {
      extras.append(UInt8(ascii: "}"))
      extras.withUnsafeBufferPointer { writer.setText(.extras, $0) }
    }
  }

  private func setConstant(_ constant: String, field: Plan.Field, writer: ChargeWriter)
    throws(RowError)
  {
    var copy = constant
    let failure: RowError? = copy.withUTF8 { bytes in
      do throws(RowError) {
        try set(bytes, field: field, plan: nil, writer: writer, copy: true)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }

  @inline(__always)
  private func set(
    _ bytes: UnsafeBufferPointer<UInt8>,
    field: Plan.Field,
    plan: Plan?,
    writer: ChargeWriter,
    copy: Bool = false
  ) throws(RowError) {
    let column = field.column
    switch column.kind {
    case .text:
      if copy {
        writer.setText(column, String(decoding: bytes, as: UTF8.self))
      } else {
        writer.setText(column, bytes)
      }
    case .money:
      do {
        writer.setMoney(column, try ScaledDecimal.parse(bytes, scale: ChargeColumn.moneyScale))
      } catch {
        throw RowError(column: field.name, value: text(bytes), reason: numberReason(error))
      }
    case .quantity:
      do {
        writer.setQuantity(column, try ScaledDecimal.double(bytes))
      } catch {
        throw RowError(column: field.name, value: text(bytes), reason: numberReason(error))
      }
    case .decimalText:
      do {
        _ = try ScaledDecimal.double(bytes)
      } catch {
        throw RowError(column: field.name, value: text(bytes), reason: numberReason(error))
      }
      if copy {
        writer.setText(column, String(decoding: bytes, as: UTF8.self))
      } else {
        writer.setText(column, bytes)
      }
    case .timestamp:
      do {
        writer.setTimestamp(
          column,
          try Timestamp.parse(bytes, slashOrder: plan?.slashDates ?? .monthFirst)
        )
      } catch {
        throw RowError(column: field.name, value: text(bytes), reason: "has unparseable date")
      }
    case .jsonObject:
      guard JSONText.isObject(bytes) else {
        throw RowError(column: field.name, value: text(bytes), reason: "is not a JSON object:")
      }
      if copy {
        writer.setText(column, String(decoding: bytes, as: UTF8.self))
      } else {
        writer.setText(column, bytes)
      }
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

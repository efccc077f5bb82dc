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
      examples: mapping.examples,
      partsShareBillingPeriod: mapping.parts == .oneBillingPeriod ? true : nil
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
      try Self.validate(field, for: column, key: key, source: source)
      planned.append((column, field))
    }
    plannedFields = planned.sorted { $0.0.rawValue < $1.0.rawValue }
    if let complement = mapping.complements, complement.suppliedColumn == nil {
      throw .invalid(
        source: source,
        reason: "complements.supplies must be 'billed_cost' or 'effective_cost', not "
          + "'\(complement.supplies)'"
      )
    }
  }

  /// Checks that arithmetic feeds only money fields and `collect` only JSON fields.
  private static func validate(
    _ field: ImporterMapping.FieldSource,
    for column: ChargeColumn,
    key: String,
    source: String
  ) throws(MappingError) {
    switch field {
    case .sum(let parts):
      guard column.kind == .money else {
        throw .invalid(source: source, reason: "'\(key)': sum works on money fields only")
      }
      for part in parts { try validate(part, for: column, key: key, source: source) }
    case .difference(let left, let right):
      guard column.kind == .money else {
        throw .invalid(source: source, reason: "'\(key)': difference works on money fields only")
      }
      try validate(left, for: column, key: key, source: source)
      try validate(right, for: column, key: key, source: source)
    case .collect:
      guard column.kind == .jsonObject else {
        throw .invalid(source: source, reason: "'\(key)': collect builds JSON fields only")
      }
    case .cases(_, let cases, let otherwise):
      for branch in cases.values { try validate(branch, for: column, key: key, source: source) }
      if let otherwise { try validate(otherwise, for: column, key: key, source: source) }
    case .jsonMembers:
      guard column.kind == .jsonObject else {
        throw .invalid(source: source, reason: "'\(key)': json_members feeds JSON fields only")
      }
    case .nextDay:
      guard column.kind == .timestamp else {
        throw .invalid(source: source, reason: "'\(key)': next_day feeds date fields only")
      }
    case .first(let parts):
      for part in parts { try validate(part, for: column, key: key, source: source) }
    case .columns, .constant, .jsonValue:
      break
    }
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
    if let pathMiss = pathMismatch(sample.path) { return .miss(missing: [pathMiss]) }
    return .match(version: version(for: header)?.version)
  }

  /// What the path lacks (or has) against `detect_path_contains` / `detect_path_excludes`.
  private func pathMismatch(_ path: String) -> String? {
    let lowered = path.lowercased()
    if let text = mapping.detectPathContains?.first(where: { !lowered.contains($0.lowercased()) }) {
      return "a file name with '\(text)'"
    }
    if let text = mapping.detectPathExcludes?.first(where: { lowered.contains($0.lowercased()) }) {
      return "a file name without '\(text)'"
    }
    return nil
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
    let plan = try MappingPlan(mapping: mapping, fields: plannedFields, header: header, file: file)
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
      try rows.importRow(
        path: file.path,
        format: mapping.id,
        line: line,
        content: reader.recordText
      ) {
        try plan.convert(reader, into: writer)
        try writer.finishRow(line: line)
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
}

/// Imports the Google Cloud Billing export to BigQuery (standard and detailed usage cost
/// tables), dumped as JSON Lines (one table row per line, `.json`, `.jsonl`, gzip or not) or
/// saved as CSV with flattened column names.
///
/// Each row is read into its nested BigQuery shape and mapped by `GCPBillingRow`
/// (`importers/gcp-billing-export.md` documents the mapping). The file is streamed: memory stays
/// bounded by the longest line. A file mixing billing currencies is an error whatever the row
/// policy, as that would make the file's totals meaningless.
public struct GCPBillingExportImporter: Importer {
  /// The importer id.
  public static let id = "gcp-billing-export"

  /// Top-level fields every export row has; their absence means another format.
  static let signature = ["billing_account_id", "service", "sku", "usage_start_time", "cost"]

  /// Creates the importer.
  public init() {}

  /// What the importer is.
  public var descriptor: ImporterDescriptor {
    ImporterDescriptor(
      id: Self.id,
      displayName: "Google Cloud Billing export (BigQuery standard and detailed usage cost)",
      summary: "GCP billing export rows as JSON Lines or flattened CSV: cost plus credits, "
        + "labels and project labels as tags, invoice month as billing period.",
      fileKinds: [.jsonl, .json, .csv],
      examples: [
        "standard-with-credits-tax-and-adjustment", "detailed-with-resources",
        "csv-dotted-columns", "csv-underscore-columns-summed-credits",
      ]
    )
  }

  /// Recognizes a JSON row with the export's fields, or a CSV header with them.
  /// - Parameter sample: The start of the file.
  /// - Returns: `standard` or `detailed` (by the `resource` record), or what is missing.
  public func recognize(_ sample: FileSample) -> Recognition {
    let present: Set<String>
    switch sample.kind {
    case .csv:
      let names = GCPBillingCSVShape(header: sample.header).dottedNames
      present = Set(names.map { String($0.split(separator: ".").first ?? "") })
    case .json, .jsonl:
      let line = sample.prefix.prefix { $0 != 0x0A }
      guard
        let object = line.withUnsafeBufferPointer({ try? JSONParser.parse($0) })?.object
      else { return .miss(missing: Self.signature) }
      present = Set(object.keys)
    }
    let missing = Self.signature.filter { !present.contains($0) }
    guard missing.isEmpty else { return .miss(missing: missing) }
    return .match(version: present.contains("resource") ? "detailed" : "standard")
  }

  /// Imports every row of the file.
  /// - Parameters:
  ///   - file: The file.
  ///   - writer: Where rows go.
  ///   - rows: What to do with bad rows.
  /// - Throws: `ImportError` for an unreadable file, a bad row in strict mode, or mixed
  ///   currencies.
  public func importFile(_ file: ImportFile, into writer: ChargeWriter, rows: RowPolicy)
    throws(ImportError)
  {
    let sample = try InputFiles.sample(file.path)
    var state = FileState(path: file.path)
    if sample.kind == .csv {
      try importCSV(file, writer: writer, rows: rows, state: &state)
    } else {
      try importJSONLines(file, writer: writer, rows: rows, state: &state)
    }
  }

  /// What is tracked across the rows of one file.
  private struct FileState {
    var path: String
    var currency: (code: String, line: Int)?
  }

  private func importJSONLines(
    _ file: ImportFile,
    writer: ChargeWriter,
    rows: RowPolicy,
    state: inout FileState
  ) throws(ImportError) {
    let reader: JSONLinesReader
    do {
      reader = try JSONLinesReader(path: file.path)
    } catch {
      throw .input(error)
    }
    while try nextLine(reader) {
      let line = reader.line
      let row: JSONValue
      do throws(JSONSyntaxError) {
        row = try reader.value()
      } catch {
        try rows.reject(
          .badRow(
            path: file.path,
            format: Self.id,
            line: line,
            RowError(reason: "invalid JSON at column \(error.offset + 1): \(error.reason)")
          ),
          line: line,
          content: { reader.lineText }
        )
        continue
      }
      guard row.object != nil else {
        try rows.reject(
          .badRow(
            path: file.path,
            format: Self.id,
            line: line,
            RowError(reason: "line is not a JSON object (one export row per line expected)")
          ),
          line: line,
          content: { reader.lineText }
        )
        continue
      }
      try write(GCPBillingRow(row: row), line: line, writer: writer, rows: rows, state: &state) {
        reader.lineText
      }
      if writer.rowCount & 0x3FFF == 0 {
        writer.reportProgress(consumedFileBytes: reader.consumedFileBytes)
      }
    }
    writer.reportProgress(consumedFileBytes: reader.consumedFileBytes)
  }

  private func nextLine(_ reader: JSONLinesReader) throws(ImportError) -> Bool {
    do {
      return try reader.nextLine()
    } catch {
      switch error {
      case .input(let inner): throw .input(inner)
      case .lineTooLong(let path, let line, let limit):
        throw .badRow(
          path: path,
          format: Self.id,
          line: line,
          RowError(reason: "line is longer than \(limit) bytes; one export row per line expected")
        )
      case .syntax, .documentTooLarge:
        throw .inconsistentBatch(path: reader.path, format: Self.id, reason: error.description)
      }
    }
  }

  private func importCSV(
    _ file: ImportFile,
    writer: ChargeWriter,
    rows: RowPolicy,
    state: inout FileState
  ) throws(ImportError) {
    let reader: CSVReader
    do {
      reader = CSVReader(source: try ByteSources.open(path: file.path))
    } catch {
      throw .input(error)
    }
    guard try readRecord(reader, file) else { throw .emptyFile(path: file.path) }
    let header = reader.strings()
    let shape = GCPBillingCSVShape(header: header)
    while try readRecord(reader, file) {
      let line = reader.recordLine
      guard reader.fieldCount == header.count else {
        try rows.reject(
          .fieldCount(
            path: file.path,
            format: Self.id,
            line: line,
            expected: header.count,
            actual: reader.fieldCount
          ),
          line: line,
          content: { reader.recordText() }
        )
        continue
      }
      let row: JSONValue
      do throws(RowError) {
        row = try shape.row(from: reader)
      } catch {
        try rows.reject(
          .badRow(path: file.path, format: Self.id, line: line, error),
          line: line,
          content: { reader.recordText() }
        )
        continue
      }
      try write(GCPBillingRow(row: row), line: line, writer: writer, rows: rows, state: &state) {
        reader.recordText()
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
      throw .csv(path: file.path, format: Self.id, error)
    }
  }

  /// Checks the currency, converts and queues one row; a bad row goes to the row policy.
  private func write(
    _ row: GCPBillingRow,
    line: Int,
    writer: ChargeWriter,
    rows: RowPolicy,
    state: inout FileState,
    content: () -> String
  ) throws(ImportError) {
    if let code = row.currency {
      if let first = state.currency, first.code != code {
        throw .badRow(
          path: state.path,
          format: Self.id,
          line: line,
          RowError(
            column: "currency",
            value: code,
            reason: "mixes billing currencies: line \(first.line) is \(first.code), this row is"
          )
        )
      }
      if state.currency == nil { state.currency = (code, line) }
    }
    try rows.importRow(path: state.path, format: Self.id, line: line, content: content) {
      writer.beginRow()
      try row.write(into: writer)
      try writer.finishRow(line: line)
    }
  }
}

/// What happens to a row that cannot be imported: strict mode stops the batch; with
/// `--skip-bad-rows` the row is kept in `rejectedRow` with its reason and the import goes on.
public final class RowPolicy {
  /// Whether bad rows are set aside instead of stopping the batch.
  public let skipBadRows: Bool
  private let writer: ChargeWriter
  /// Rows set aside in the current file.
  public private(set) var rejectedInFile = 0
  /// Rows set aside in the whole batch.
  public private(set) var rejectedInBatch = 0
  /// The first few rejections, for the summary printed after an ingest.
  public private(set) var examples: [String] = []

  /// Creates a policy for one batch.
  /// - Parameters:
  ///   - skipBadRows: `true` to keep going past bad rows.
  ///   - writer: Where rejected rows are queued for the database.
  public init(skipBadRows: Bool, writer: ChargeWriter) {
    self.skipBadRows = skipBadRows
    self.writer = writer
  }

  /// Starts counting a new file.
  public func startFile() {
    rejectedInFile = 0
  }

  /// Handles a bad row: throws in strict mode, otherwise records it.
  /// - Parameters:
  ///   - error: The import error describing the row (a `badRow` or `fieldCount`).
  ///   - line: The row's line.
  ///   - content: The row's raw text, computed only when it is kept.
  /// - Throws: `error` itself in strict mode; `ImportError.store` if the database stopped.
  public func reject(_ error: ImportError, line: Int, content: () -> String) throws(ImportError) {
    guard skipBadRows else { throw error }
    let reason: String
    switch error {
    case .badRow(_, _, _, let rowError): reason = rowError.message
    case .fieldCount(_, _, _, let expected, let actual):
      reason = "row has \(actual) fields but the header has \(expected)"
    default: reason = error.description
    }
    do {
      try writer.reject(line: line, reason: reason, content: content())
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    rejectedInFile += 1
    rejectedInBatch += 1
    if examples.count < 5 { examples.append(error.description) }
  }

  /// Imports one row the way every importer does: `body` converts and writes it; a `RowError`
  /// it throws is a bad row at `line` (handed to `reject`), any other error means the database
  /// stopped.
  /// - Parameters:
  ///   - path: The file.
  ///   - format: The importer id.
  ///   - line: The row's line.
  ///   - content: The row's raw text, computed only when the row is kept aside.
  ///   - body: Converts and writes the row.
  /// - Throws: The bad row in strict mode; `ImportError.store` if the database stopped.
  public func importRow(
    path: String,
    format: String,
    line: Int,
    content: () -> String,
    _ body: () throws -> Void
  ) throws(ImportError) {
    do {
      try body()
    } catch let error as RowError {
      try reject(
        .badRow(path: path, format: format, line: line, error),
        line: line,
        content: content
      )
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
  }
}

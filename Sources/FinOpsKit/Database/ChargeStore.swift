import GRDB
import GRDBSQLite

/// The SQLite side of an import: decodes `RowBatch`es and writes them with prepared statements.
///
/// It runs on the thread that owns the write transaction, while `ChargeWriter` parses the next
/// rows on another thread. Text is bound straight from the batch buffer (no copy), which stays
/// alive until the batch is recycled after `apply(_:)` returns.
final class ChargeStore {
  private let db: Database
  private let batchId: Int64
  private let charge: SQLiteStatement
  private let profile: SQLiteStatement
  private let scope: SQLiteStatement
  private let rejected: SQLiteStatement
  private let usage: SQLiteStatement
  private static let staticText = unsafeBitCast(0, to: sqlite3_destructor_type.self)
  /// A valid pointer for empty text (SQLite binds a null pointer as NULL, not as '').
  private static let emptyText: StaticString = ""

  init(db: Database, batchId: Int64) throws {
    self.db = db
    self.batchId = batchId
    charge = try Self.prepare(
      db,
      table: "charge",
      columns: ["scopeId", "fileId", "sourceLine", "month", "profileId"]
        + ChargeColumn.perCharge.map(\.sqlName)
    )
    profile = try Self.prepare(
      db,
      table: "chargeProfile",
      columns: ["id", "scopeId"] + ChargeColumn.profile.map(\.sqlName)
    )
    scope = try Self.prepare(
      db,
      table: "importScope",
      columns: [
        "id", "batchId", "format", "billingAccountId", "billingPeriodStart", "billingPeriodEnd",
        "billingCurrency", "rowCount", "billedCostNanos", "effectiveCostNanos",
      ]
    )
    rejected = try Self.prepare(
      db,
      table: "rejectedRow",
      columns: ["batchId", "fileId", "line", "reason", "content"]
    )
    usage = try Self.prepare(db, table: "aiUsage", columns: Self.usageColumns)
  }

  /// The `aiUsage` columns in the order `ChargeWriter.writeUsage` encodes them.
  static let usageColumns = [
    "scopeId", "fileId", "sourceLine", "month", "providerName", "endpoint", "periodStart",
    "periodEnd", "billingAccountId", "subAccountId", "model", "apiKeyId", "userId",
    "serviceTier", "quantityKind", "partOf", "unit", "quantity", "dimensions",
  ]

  deinit {
    for statement in [charge, profile, scope, rejected, usage] { sqlite3_finalize(statement) }
  }

  /// The next free ids of `chargeProfile` and `importScope`, so that the parsing thread can
  /// number new rows itself.
  static func nextIds(_ db: Database) throws -> (profile: Int64, scope: Int64) {
    let profile = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM chargeProfile")
    let scope = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM importScope")
    return ((profile ?? 0) + 1, (scope ?? 0) + 1)
  }

  /// Writes the final totals of every scope of the batch to `importScope`.
  func writeTotals(_ tallies: [ScopeLedger.Tally]) throws {
    for tally in tallies {
      guard let billed = Int64(exactly: tally.billedCost),
        let effective = Int64(exactly: tally.effectiveCost)
      else {
        throw RowError(
          reason: "the total of billing account '\(tally.billingAccountId)' is too large to "
            + "store (over 9.2 billion)"
        )
      }
      try db.execute(
        sql: """
          UPDATE importScope SET rowCount = ?, billedCostNanos = ?, effectiveCostNanos = ?,
            billingCurrency = ?, coverageStart = ?, coverageEnd = ?, usageCount = ?
          WHERE id = ?
          """,
        arguments: [
          tally.rowCount, billed, effective, tally.currency, tally.coverageStart,
          tally.coverageEnd, tally.usageCount, tally.id,
        ]
      )
    }
  }

  /// Writes every operation of a batch, in order.
  func apply(_ batch: RowBatch) throws {
    try batch.bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var cursor = RowBatchCursor(base: base, count: buffer.count)
      while !cursor.atEnd {
        switch RowBatch.Opcode(rawValue: cursor.byte()) {
        case .charge: try writeCharge(&cursor)
        case .profile: try writeProfile(&cursor)
        case .scope: try writeScope(&cursor)
        case .rejected: try writeRejected(&cursor)
        case .usage: try writeUsage(&cursor)
        case nil: preconditionFailure("corrupt row batch")
        }
      }
    }
  }

  private func writeCharge(_ cursor: inout RowBatchCursor) throws {
    for index in 1...5 { sqlite3_bind_int64(charge, Int32(index), cursor.integer()) }
    for index in 0..<ChargeColumn.perCharge.count {
      bindValue(charge, Int32(index + 6), &cursor)
    }
    try step(charge)
  }

  private func writeProfile(_ cursor: inout RowBatchCursor) throws {
    sqlite3_bind_int64(profile, 1, cursor.integer())
    sqlite3_bind_int64(profile, 2, cursor.integer())
    for index in 0..<ChargeColumn.profile.count {
      bindValue(profile, Int32(index + 3), &cursor)
    }
    try step(profile)
  }

  private func writeScope(_ cursor: inout RowBatchCursor) throws {
    sqlite3_bind_int64(scope, 1, cursor.integer())
    sqlite3_bind_int64(scope, 2, batchId)
    bindText(scope, 3, cursor.text())
    bindText(scope, 4, cursor.text())
    sqlite3_bind_int64(scope, 5, cursor.integer())
    sqlite3_bind_int64(scope, 6, cursor.integer())
    bindText(scope, 7, cursor.text())
    for index in 8...10 { sqlite3_bind_int64(scope, Int32(index), 0) }
    try step(scope)
  }

  private func writeRejected(_ cursor: inout RowBatchCursor) throws {
    sqlite3_bind_int64(rejected, 1, batchId)
    sqlite3_bind_int64(rejected, 2, cursor.integer())
    sqlite3_bind_int64(rejected, 3, cursor.integer())
    bindText(rejected, 4, cursor.text())
    bindText(rejected, 5, cursor.text())
    try step(rejected)
  }

  /// Binds the usage columns: four integers, five texts, five tagged values, three texts with
  /// the tagged `partOf` between them, the quantity and the tagged dimensions.
  private func writeUsage(_ cursor: inout RowBatchCursor) throws {
    for index in 1...4 { sqlite3_bind_int64(usage, Int32(index), cursor.integer()) }
    bindText(usage, 5, cursor.text())
    bindText(usage, 6, cursor.text())
    sqlite3_bind_int64(usage, 7, cursor.integer())
    sqlite3_bind_int64(usage, 8, cursor.integer())
    bindText(usage, 9, cursor.text())
    for index in 10...14 { bindValue(usage, Int32(index), &cursor) }
    bindText(usage, 15, cursor.text())
    bindValue(usage, 16, &cursor)
    bindText(usage, 17, cursor.text())
    sqlite3_bind_double(usage, 18, cursor.real())
    bindValue(usage, 19, &cursor)
    try step(usage)
  }

  @inline(__always)
  private func bindValue(
    _ statement: SQLiteStatement,
    _ index: Int32,
    _ cursor: inout RowBatchCursor
  ) {
    switch RowBatch.ValueTag(rawValue: cursor.byte()) {
    case .integer: sqlite3_bind_int64(statement, index, cursor.integer())
    case .real: sqlite3_bind_double(statement, index, cursor.real())
    case .text: bindText(statement, index, cursor.text())
    case .null, nil: sqlite3_bind_null(statement, index)
    }
  }

  @inline(__always)
  private func bindText(
    _ statement: SQLiteStatement,
    _ index: Int32,
    _ text: (UnsafeRawPointer, Int)
  ) {
    let pointer =
      text.1 == 0
      ? UnsafeRawPointer(Self.emptyText.utf8Start) : text.0
    sqlite3_bind_text(
      statement,
      index,
      pointer.assumingMemoryBound(to: CChar.self),
      Int32(text.1),
      Self.staticText
    )
  }

  private func step(_ statement: SQLiteStatement) throws {
    let code = sqlite3_step(statement)
    sqlite3_reset(statement)
    guard code == SQLITE_DONE else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
    }
  }

  private static func prepare(_ db: Database, table: String, columns: [String]) throws
    -> SQLiteStatement
  {
    let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ",")
    let sql =
      "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES (\(placeholders))"
    var handle: SQLiteStatement?
    let code = sqlite3_prepare_v3(db.sqliteConnection, sql, -1, 0, &handle, nil)
    guard code == SQLITE_OK, let handle else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
    }
    return handle
  }
}

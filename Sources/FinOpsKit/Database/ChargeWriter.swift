import Foundation
import GRDB
import GRDBSQLite

/// The ingest hot path: collects one charge at a time and writes it with prepared statements.
///
/// An importer calls `beginRow()`, sets the columns it knows, then `finishRow(line:)`. Values
/// that vary per charge are bound straight into the `charge` insert; descriptive attributes are
/// gathered into a profile key and looked up in a bounded in-memory map, so that each distinct
/// combination is written to `chargeProfile` once. The writer also keeps the per-scope
/// bookkeeping of the batch: which (billing account, billing period) it covers, row counts and
/// cost totals.
public final class ChargeWriter {
  /// Totals for one (format, billing account, billing period) covered by the batch.
  public typealias ScopeTally = ScopeLedger.Tally

  /// A value of a profile column in the current row: a byte range of `rowBytes`, or an integer.
  private struct Slot {
    var present = false
    var isInteger = false
    var start = 0
    var count = 0
    var integer: Int64 = 0
  }

  /// The most distinct profiles kept in memory.
  ///
  /// Past it (or past `profileCacheByteLimit` bytes of keys) the map starts over. A profile seen
  /// again is then stored twice, which costs space, never correctness, and memory stays bounded
  /// whatever the input.
  public static let profileCacheLimit = 50_000
  /// The most bytes of profile keys kept in memory.
  public static let profileCacheByteLimit = 32 << 20

  private let db: Database
  private let chargeStatement: SQLiteStatement
  private let profileStatement: SQLiteStatement
  private static let staticText = unsafeBitCast(0, to: sqlite3_destructor_type.self)
  private static let transientText = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
  /// Parameter index of each column in its statement (charge or profile), by raw value.
  private static let parameterIndex: [Int32] = {
    var indexes = [Int32](repeating: 0, count: ChargeColumn.allCases.count)
    for (offset, column) in ChargeColumn.perCharge.enumerated() {
      indexes[column.rawValue] = Int32(offset + 6)  // after the 5 bookkeeping columns
    }
    for (offset, column) in ChargeColumn.profile.enumerated() {
      indexes[column.rawValue] = Int32(offset + 1)
    }
    return indexes
  }()
  private static let isPerCharge = ChargeColumn.allCases.map(\.isPerCharge)

  /// The file whose rows are being written.
  public private(set) var fileId: Int64 = 0
  /// The format id of the importer writing rows.
  public private(set) var format = ""

  private var present = [Bool](repeating: false, count: ChargeColumn.allCases.count)
  private var slots = [Slot](repeating: Slot(), count: ChargeColumn.allCases.count)
  private var rowBytes: [UInt8] = []
  private var profileKey: [UInt8] = []
  private var profiles: [ProfileKey: Int64] = [:]
  private var profileBytes = 0
  private var chargePeriod: (start: Int64, end: Int64) = (0, 0)
  private var billedCost: Int64 = 0
  private var effectiveCost: Int64 = 0

  private let ledger: ScopeLedger
  /// The scopes written so far, in order of first appearance.
  public var tallies: [ScopeTally] { ledger.tallies }
  /// Which scopes (by index in `tallies`) each file wrote to.
  public var scopesByFile: [Int64: Set<Int>] { ledger.scopesByFile }
  private var monthStart: Int64 = 1
  private var monthEnd: Int64 = 0
  private var monthKey = 0

  /// Rows written so far in this batch.
  public private(set) var rowCount: Int64 = 0
  /// Distinct profiles written so far in this batch.
  public private(set) var profileCount: Int64 = 0
  /// Called by importers every few thousand rows with (rows written, file bytes consumed).
  public var onProgress: ((Int64, Int64) -> Void)?

  /// Lets the progress display know how far the current file has been read.
  /// - Parameter consumedFileBytes: Bytes of the current file read so far.
  public func reportProgress(consumedFileBytes: Int64) {
    onProgress?(rowCount, consumedFileBytes)
  }

  /// Prepares the insert statements on a connection inside a write transaction.
  /// - Parameters:
  ///   - db: The connection (the caller owns the transaction).
  ///   - batchId: The batch the rows belong to.
  /// - Throws: `DatabaseError` if a statement cannot be prepared.
  public init(db: Database, batchId: Int64) throws {
    self.db = db
    ledger = ScopeLedger(db: db, batchId: batchId)
    let chargeColumns =
      ["scopeId", "fileId", "sourceLine", "month", "profileId"]
      + ChargeColumn.perCharge.map(\.sqlName)
    chargeStatement = try Self.prepare(db, table: "charge", columns: chargeColumns)
    profileStatement = try Self.prepare(
      db,
      table: "chargeProfile",
      columns: ChargeColumn.profile.map(\.sqlName)
    )
    rowBytes.reserveCapacity(8192)
    profileKey.reserveCapacity(8192)
  }

  deinit {
    sqlite3_finalize(chargeStatement)
    sqlite3_finalize(profileStatement)
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

  /// Starts writing the rows of another file.
  /// - Parameters:
  ///   - fileId: The `importFile` row.
  ///   - format: The importer id.
  public func startFile(_ fileId: Int64, format: String) {
    self.fileId = fileId
    self.format = format
    ledger.startFile(fileId)
  }

  /// Starts a new row: every column is null until set.
  @inline(__always)
  public func beginRow() {
    sqlite3_clear_bindings(chargeStatement)
    for index in present.indices { present[index] = false }
    rowBytes.removeAll(keepingCapacity: true)
  }

  /// Sets text that stays valid until `finishRow(line:)` (for example a CSV field).
  /// - Parameters:
  ///   - column: A text, decimal-text or JSON column.
  ///   - bytes: UTF-8 bytes.
  @inline(__always)
  public func setText(_ column: ChargeColumn, _ bytes: UnsafeBufferPointer<UInt8>) {
    present[column.rawValue] = true
    if Self.isPerCharge[column.rawValue] {
      sqlite3_bind_text(
        chargeStatement,
        Self.parameterIndex[column.rawValue],
        Self.textPointer(bytes.baseAddress),
        Int32(bytes.count),
        Self.staticText
      )
      return
    }
    slots[column.rawValue] = Slot(
      present: true,
      isInteger: false,
      start: rowBytes.count,
      count: bytes.count
    )
    rowBytes.append(contentsOf: bytes)
  }

  /// Sets text from a Swift string (copied).
  /// - Parameters:
  ///   - column: A text, decimal-text or JSON column.
  ///   - text: The value.
  public func setText(_ column: ChargeColumn, _ text: String) {
    var copy = text
    copy.withUTF8 { buffer in
      if Self.isPerCharge[column.rawValue] {
        present[column.rawValue] = true
        sqlite3_bind_text(
          chargeStatement,
          Self.parameterIndex[column.rawValue],
          Self.textPointer(buffer.baseAddress),
          Int32(buffer.count),
          Self.transientText
        )
      } else {
        setText(column, buffer)
      }
    }
  }

  /// Sets an amount of money in nano-units.
  /// - Parameters:
  ///   - column: A money column.
  ///   - nanos: The amount times 10^9.
  @inline(__always)
  public func setMoney(_ column: ChargeColumn, _ nanos: Int64) {
    present[column.rawValue] = true
    sqlite3_bind_int64(chargeStatement, Self.parameterIndex[column.rawValue], nanos)
    if column == .billedCost {
      billedCost = nanos
    } else if column == .effectiveCost {
      effectiveCost = nanos
    }
  }

  /// Sets a quantity.
  /// - Parameters:
  ///   - column: A quantity column.
  ///   - value: The quantity.
  @inline(__always)
  public func setQuantity(_ column: ChargeColumn, _ value: Double) {
    present[column.rawValue] = true
    sqlite3_bind_double(chargeStatement, Self.parameterIndex[column.rawValue], value)
  }

  /// Sets a timestamp.
  /// - Parameters:
  ///   - column: A timestamp column.
  ///   - seconds: UTC seconds since the Unix epoch.
  @inline(__always)
  public func setTimestamp(_ column: ChargeColumn, _ seconds: Int64) {
    present[column.rawValue] = true
    switch column {
    case .chargePeriodStart:
      chargePeriod.start = seconds
      sqlite3_bind_int64(chargeStatement, Self.parameterIndex[column.rawValue], seconds)
    case .chargePeriodEnd:
      chargePeriod.end = seconds
      sqlite3_bind_int64(chargeStatement, Self.parameterIndex[column.rawValue], seconds)
    default:
      slots[column.rawValue] = Slot(present: true, isInteger: true, integer: seconds)
    }
  }

  /// Whether a column has been set in the current row.
  /// - Parameter column: The column.
  /// - Returns: `true` once a setter was called for it.
  public func isSet(_ column: ChargeColumn) -> Bool { present[column.rawValue] }

  /// Validates the row, assigns it to its scope, month and profile, and inserts it.
  /// - Parameter line: The source line, kept for `finops explain` and audits.
  /// - Throws: `RowError` when a mandatory value is missing or inconsistent; `DatabaseError`
  ///   when SQLite fails.
  public func finishRow(line: Int) throws {
    for column in Self.mandatory where !present[column.rawValue] {
      throw RowError(column: column.focusName, reason: "is empty but every charge needs it")
    }
    if chargePeriod.end < chargePeriod.start {
      throw RowError(
        column: ChargeColumn.chargePeriodEnd.focusName,
        value: Timestamp.iso8601(chargePeriod.end),
        reason: "is before ChargePeriodStart \(Timestamp.iso8601(chargePeriod.start)):"
      )
    }
    let scope = try ledger.scope(
      format: format,
      account: text(.billingAccountId),
      periodStart: slots[ChargeColumn.billingPeriodStart.rawValue].integer,
      periodEnd: slots[ChargeColumn.billingPeriodEnd.rawValue].integer,
      currency: text(.billingCurrency)
    )
    let profileId = try profileIdentifier()
    ledger.add(scope: scope, billedCost: billedCost, effectiveCost: effectiveCost)
    let start = chargePeriod.start
    if start < monthStart || start >= monthEnd {
      monthKey = Timestamp.monthKey(start)
      let year = monthKey / 100
      let month = monthKey % 100
      monthStart = Int64(Timestamp.daysSinceEpoch(year: year, month: month, day: 1)) * 86_400
      monthEnd = monthStart + Int64(Timestamp.daysInMonth(year: year, month: month)) * 86_400
    }
    sqlite3_bind_int64(chargeStatement, 1, ledger.tallies[scope].id)
    sqlite3_bind_int64(chargeStatement, 2, fileId)
    sqlite3_bind_int64(chargeStatement, 3, Int64(line))
    sqlite3_bind_int64(chargeStatement, 4, Int64(monthKey))
    sqlite3_bind_int64(chargeStatement, 5, profileId)
    try step(chargeStatement)
    rowCount += 1
  }

  /// Writes the final totals of every scope to `importScope`.
  /// - Throws: `DatabaseError` on failure, or `RowError` if a total does not fit in 64 bits.
  public func flushTallies() throws { try ledger.flush() }

  // MARK: - Internals

  private static let mandatory: [ChargeColumn] = [
    .billingAccountId, .billingCurrency, .billingPeriodStart, .billingPeriodEnd,
    .chargePeriodStart, .chargePeriodEnd, .billedCost, .effectiveCost,
  ]

  /// A valid pointer for empty text (SQLite binds a null pointer as NULL, not as '').
  nonisolated(unsafe) private static let emptyText: UnsafeMutablePointer<CChar> = {
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return pointer
  }()

  @inline(__always)
  private static func textPointer(_ base: UnsafePointer<UInt8>?) -> UnsafePointer<CChar> {
    guard let base else { return UnsafePointer(emptyText) }
    return UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
  }

  private func step(_ statement: SQLiteStatement) throws {
    let code = sqlite3_step(statement)
    sqlite3_reset(statement)
    guard code == SQLITE_DONE else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
    }
  }

  /// Finds or writes the profile of the current row.
  private func profileIdentifier() throws -> Int64 {
    profileKey.removeAll(keepingCapacity: true)
    for column in ChargeColumn.profile {
      let slot = slots[column.rawValue]
      guard present[column.rawValue] else {
        profileKey.append(0)
        continue
      }
      if slot.isInteger {
        profileKey.append(1)
        withUnsafeBytes(of: slot.integer.littleEndian) { profileKey.append(contentsOf: $0) }
      } else {
        profileKey.append(2)
        withUnsafeBytes(of: UInt32(slot.count).littleEndian) { profileKey.append(contentsOf: $0) }
        profileKey.append(contentsOf: rowBytes[slot.start..<(slot.start + slot.count)])
      }
    }
    let key = ProfileKey(profileKey)
    if let id = profiles[key] { return id }
    sqlite3_clear_bindings(profileStatement)
    try rowBytes.withUnsafeBufferPointer { bytes in
      for column in ChargeColumn.profile where present[column.rawValue] {
        let slot = slots[column.rawValue]
        let index = Self.parameterIndex[column.rawValue]
        if slot.isInteger {
          sqlite3_bind_int64(profileStatement, index, slot.integer)
        } else {
          sqlite3_bind_text(
            profileStatement,
            index,
            Self.textPointer(bytes.baseAddress.map { $0 + slot.start }),
            Int32(slot.count),
            Self.staticText
          )
        }
      }
      try step(profileStatement)
    }
    let id = db.lastInsertedRowID
    if profiles.count >= Self.profileCacheLimit || profileBytes >= Self.profileCacheByteLimit {
      profiles.removeAll()
      profileBytes = 0
    }
    profiles[key] = id
    profileBytes += profileKey.count
    profileCount += 1
    return id
  }

  private func text(_ column: ChargeColumn) -> ArraySlice<UInt8> {
    let slot = slots[column.rawValue]
    return rowBytes[slot.start..<(slot.start + slot.count)]
  }
}

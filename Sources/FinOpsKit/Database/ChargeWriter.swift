/// The ingest hot path: collects one charge at a time and encodes it for the SQLite thread.
///
/// An importer calls `beginRow()`, sets the columns it knows, then `finishRow(line:)`. The writer
/// validates the row, assigns it to its scope, month and profile, and appends it to a
/// `RowBatch`; full batches go through a `RowChannel` to `ChargeStore`, which writes them while
/// the next rows are parsed. Descriptive attributes are gathered into a profile key and looked up
/// in a bounded in-memory map, so that each distinct combination becomes one `chargeProfile` row.
/// The writer never touches the database: it numbers new profiles and scopes itself from the
/// next free ids.
public final class ChargeWriter {
  /// Totals for one (format, billing account, billing period) covered by the batch.
  public typealias ScopeTally = ScopeLedger.Tally

  /// A value of a column in the current row: a byte range of `rowBytes`, or a number.
  private struct Slot {
    var tag = RowBatch.ValueTag.null
    var start = 0
    var count = 0
    var integer: Int64 = 0
    var real: Double = 0
  }

  /// The most distinct profiles kept in memory.
  ///
  /// Past it (or past `profileCacheByteLimit` bytes of keys) the map starts over. A profile seen
  /// again is then stored twice, which costs space, never correctness, and memory stays bounded
  /// whatever the input.
  public static let profileCacheLimit = 50_000
  /// The most bytes of profile keys kept in memory.
  public static let profileCacheByteLimit = 32 << 20

  private static let mandatory: [ChargeColumn] = [
    .billingAccountId, .billingCurrency, .billingPeriodStart, .billingPeriodEnd,
    .chargePeriodStart, .chargePeriodEnd, .billedCost, .effectiveCost,
  ]

  /// The file whose rows are being written.
  public private(set) var fileId: Int64 = 0
  /// The format id of the importer writing rows.
  public private(set) var format = ""
  /// Whether the current file restates whole UTC days rather than whole billing periods.
  ///
  /// API formats (OpenAI, Anthropic) are fetched for arbitrary date ranges, so their scopes are
  /// (format, billing account, billing period, day): a later fetch replaces only the days it
  /// covers. Importers set it at the start of a file and declare each bucket with
  /// `coverBucket(account:start:end:)`.
  public var dailyScopes = false
  /// A sub-stream of the format with its own scopes (an OpenAI usage endpoint such as
  /// `completions`), so that re-fetching one endpoint does not replace another's days.
  public var scopeStream: String? {
    didSet { scopeFormat = scopeStream.map { "\(format)/\($0)" } ?? format }
  }
  private(set) var scopeFormat = ""

  private var slots = [Slot](repeating: Slot(), count: ChargeColumn.allCases.count)
  private var rowBytes: [UInt8] = []
  private var profileKey: [UInt8] = []
  private var profiles: [ProfileKey: Int64] = [:]
  private var profileBytes = 0
  private var nextProfileId: Int64
  let ledger: ScopeLedger
  private var monthStart: Int64 = 1
  private var monthEnd: Int64 = 0
  private var monthKey = 0

  var channel: RowChannel?
  var batch = RowBatch()
  /// Fills `x_AICategory` and the accelerator columns of each new profile (once per distinct
  /// profile, never per row), unless the importer set them itself.
  var classifier: AIClassifier?

  /// The scopes written so far, in order of first appearance.
  public var tallies: [ScopeTally] { ledger.tallies }
  /// Which scopes (by index in `tallies`) each file wrote to.
  public var scopesByFile: [Int64: Set<Int>] { ledger.scopesByFile }
  /// Rows written so far in this batch.
  public private(set) var rowCount: Int64 = 0
  /// Usage records written so far in this batch.
  public internal(set) var usageCount: Int64 = 0

  /// Distinct profiles written so far in this batch.
  public private(set) var profileCount: Int64 = 0
  /// Called by importers every few thousand rows with (rows written, file bytes consumed).
  public var onProgress: ((Int64, Int64) -> Void)?

  /// Creates a writer that numbers new rows from the given ids.
  /// - Parameters:
  ///   - nextProfileId: The first free `chargeProfile` id.
  ///   - nextScopeId: The first free `importScope` id.
  init(nextProfileId: Int64, nextScopeId: Int64) {
    self.nextProfileId = nextProfileId
    ledger = ScopeLedger(nextId: nextScopeId)
    rowBytes.reserveCapacity(8192)
    profileKey.reserveCapacity(8192)
  }

  /// Lets the progress display know how far the current file has been read.
  /// - Parameter consumedFileBytes: Bytes of the current file read so far.
  public func reportProgress(consumedFileBytes: Int64) {
    onProgress?(rowCount, consumedFileBytes)
  }

  /// Starts writing the rows of another file.
  /// - Parameters:
  ///   - fileId: The `importFile` row.
  ///   - format: The importer id.
  public func startFile(_ fileId: Int64, format: String) {
    self.fileId = fileId
    self.format = format
    dailyScopes = false
    scopeStream = nil
    ledger.startFile(fileId)
  }

  /// Starts a new row: every column is null until set.
  @inline(__always)
  public func beginRow() {
    for index in slots.indices { slots[index].tag = .null }
    rowBytes.removeAll(keepingCapacity: true)
  }

  /// Sets text (copied; the bytes may be reused once this returns).
  /// - Parameters:
  ///   - column: A text, decimal-text or JSON column.
  ///   - bytes: UTF-8 bytes.
  @inline(__always)
  public func setText(_ column: ChargeColumn, _ bytes: UnsafeBufferPointer<UInt8>) {
    slots[column.rawValue] = Slot(tag: .text, start: rowBytes.count, count: bytes.count)
    rowBytes.append(contentsOf: bytes)
  }

  /// Sets text from a Swift string.
  /// - Parameters:
  ///   - column: A text, decimal-text or JSON column.
  ///   - text: The value.
  public func setText(_ column: ChargeColumn, _ text: String) {
    var copy = text
    copy.withUTF8 { setText(column, $0) }
  }

  /// Sets an amount of money in nano-units.
  /// - Parameters:
  ///   - column: A money column.
  ///   - nanos: The amount times 10^9.
  @inline(__always)
  public func setMoney(_ column: ChargeColumn, _ nanos: Int64) {
    slots[column.rawValue] = Slot(tag: .integer, integer: nanos)
  }

  /// Sets a quantity.
  /// - Parameters:
  ///   - column: A quantity column.
  ///   - value: The quantity.
  @inline(__always)
  public func setQuantity(_ column: ChargeColumn, _ value: Double) {
    slots[column.rawValue] = Slot(tag: .real, real: value)
  }

  /// Sets a timestamp.
  /// - Parameters:
  ///   - column: A timestamp column.
  ///   - seconds: UTC seconds since the Unix epoch.
  @inline(__always)
  public func setTimestamp(_ column: ChargeColumn, _ seconds: Int64) {
    slots[column.rawValue] = Slot(tag: .integer, integer: seconds)
  }

  /// Whether a column has been set in the current row.
  /// - Parameter column: The column.
  /// - Returns: `true` once a setter was called for it.
  public func isSet(_ column: ChargeColumn) -> Bool { slots[column.rawValue].tag != .null }

  /// Validates the row, assigns it to its scope, month and profile, and queues it for writing.
  /// - Parameter line: The source line, kept for `finops explain` and audits.
  /// - Throws: `RowError` when a mandatory value is missing or inconsistent; `StoreError` when
  ///   the database thread has stopped.
  public func finishRow(line: Int) throws {
    for column in Self.mandatory where slots[column.rawValue].tag == .null {
      throw RowError(column: column.focusName, reason: "is empty but every charge needs it")
    }
    let start = slots[ChargeColumn.chargePeriodStart.rawValue].integer
    let end = slots[ChargeColumn.chargePeriodEnd.rawValue].integer
    if end < start {
      throw RowError(
        column: ChargeColumn.chargePeriodEnd.focusName,
        value: Timestamp.iso8601(end),
        reason: "is before ChargePeriodStart \(Timestamp.iso8601(start)):"
      )
    }
    let scope = try ledger.scope(
      format: scopeFormat,
      account: text(.billingAccountId),
      periodStart: slots[ChargeColumn.billingPeriodStart.rawValue].integer,
      periodEnd: slots[ChargeColumn.billingPeriodEnd.rawValue].integer,
      currency: text(.billingCurrency),
      batch: batch,
      day: dailyScopes ? Self.dayStart(start) : nil
    )
    let profileId = profileIdentifier(scopeId: ledger.tallies[scope].id)
    ledger.add(
      scope: scope,
      billedCost: slots[ChargeColumn.billedCost.rawValue].integer,
      effectiveCost: slots[ChargeColumn.effectiveCost.rawValue].integer
    )
    if start < monthStart || start >= monthEnd {
      monthKey = Timestamp.monthKey(start)
      let year = monthKey / 100
      let month = monthKey % 100
      monthStart = Int64(Timestamp.daysSinceEpoch(year: year, month: month, day: 1)) * 86_400
      monthEnd = monthStart + Int64(Timestamp.daysInMonth(year: year, month: month)) * 86_400
    }
    batch.append(.charge)
    batch.append(ledger.tallies[scope].id)
    batch.append(fileId)
    batch.append(Int64(line))
    batch.append(Int64(monthKey))
    batch.append(profileId)
    rowBytes.withUnsafeBufferPointer { bytes in
      for column in ChargeColumn.perCharge { encode(slots[column.rawValue], from: bytes) }
    }
    rowCount += 1
    if batch.isFull { try flush() }
  }

  /// Queues a rejected row (`--skip-bad-rows`) for writing.
  /// - Parameters:
  ///   - line: The row's line.
  ///   - reason: Why it was rejected.
  ///   - content: Its raw text.
  /// - Throws: `StoreError` when the database thread has stopped.
  public func reject(line: Int, reason: String, content: String) throws {
    batch.append(.rejected)
    batch.append(fileId)
    batch.append(Int64(line))
    batch.appendText(reason)
    batch.appendText(content)
    if batch.isFull { try flush() }
  }

  /// Hands the pending rows to the database thread.
  /// - Throws: `StoreError` when the database thread has stopped.
  public func flush() throws {
    guard !batch.bytes.isEmpty, let channel else { return }
    guard channel.send(batch) else {
      throw StoreError.sqlite(reason: "the database writer stopped")
    }
    batch = channel.emptyBatch()
  }

  // MARK: - Internals

  @inline(__always)
  private func encode(_ slot: Slot, from bytes: UnsafeBufferPointer<UInt8>) {
    batch.append(slot.tag)
    switch slot.tag {
    case .null: break
    case .integer: batch.append(slot.integer)
    case .real: batch.append(slot.real)
    case .text:
      batch.appendText(UnsafeBufferPointer(rebasing: bytes[slot.start..<slot.start + slot.count]))
    }
  }

  private func text(_ column: ChargeColumn) -> ArraySlice<UInt8> {
    let slot = slots[column.rawValue]
    return rowBytes[slot.start..<(slot.start + slot.count)]
  }

  /// Finds the profile of the current row, or numbers and queues a new one.
  ///
  /// A profile belongs to one scope, so that replacing a scope removes its profiles too.
  private func profileIdentifier(scopeId: Int64) -> Int64 {
    profileKey.removeAll(keepingCapacity: true)
    withUnsafeBytes(of: scopeId.littleEndian) { profileKey.append(contentsOf: $0) }
    rowBytes.withUnsafeBufferPointer { bytes in
      for column in ChargeColumn.profile {
        let slot = slots[column.rawValue]
        switch slot.tag {
        case .null: profileKey.append(RowBatch.ValueTag.null.rawValue)
        case .integer:
          profileKey.append(RowBatch.ValueTag.integer.rawValue)
          withUnsafeBytes(of: slot.integer.littleEndian) { profileKey.append(contentsOf: $0) }
        case .real:
          profileKey.append(RowBatch.ValueTag.real.rawValue)
          withUnsafeBytes(of: slot.real.bitPattern.littleEndian) {
            profileKey.append(contentsOf: $0)
          }
        case .text:
          profileKey.append(RowBatch.ValueTag.text.rawValue)
          withUnsafeBytes(of: UInt32(slot.count).littleEndian) {
            profileKey.append(contentsOf: $0)
          }
          profileKey.append(
            contentsOf: UnsafeBufferPointer(rebasing: bytes[slot.start..<slot.start + slot.count])
          )
        }
      }
    }
    let key = ProfileKey(profileKey)
    if let id = profiles[key] { return id }
    let id = nextProfileId
    nextProfileId += 1
    // The key is already the encoding `ChargeStore` reads: the scope id, then profile columns.
    batch.append(.profile)
    batch.append(id)
    appendProfileColumns()
    if profiles.count >= Self.profileCacheLimit || profileBytes >= Self.profileCacheByteLimit {
      profiles.removeAll()
      profileBytes = 0
    }
    profiles[key] = id
    profileBytes += profileKey.count
    profileCount += 1
    return id
  }

  /// Appends the profile key, with the derived AI columns (the last profile columns, null in
  /// the key unless the importer set them) filled in by the classifier.
  private func appendProfileColumns() {
    let derived = ChargeColumn.derived
    guard let classifier, derived.allSatisfy({ slots[$0.rawValue].tag == .null }) else {
      batch.bytes.append(contentsOf: profileKey)
      return
    }
    let result = rowBytes.withUnsafeBufferPointer { bytes in
      classifier.classify(
        column: { column in self.string(self.slots[column.rawValue], in: bytes) },
        extras: string(slots[ChargeColumn.extras.rawValue], in: bytes)
      )
    }
    // Each null derived column is one tag byte at the end of the key.
    batch.bytes.append(contentsOf: profileKey.dropLast(derived.count))
    if let category = result.category {
      batch.append(.text)
      batch.appendText(category.rawValue)
    } else {
      batch.append(.null)
    }
    if let accelerator = result.accelerator {
      batch.append(.real)
      batch.append(accelerator.count)
      batch.append(.text)
      batch.appendText(accelerator.model)
    } else {
      batch.append(.null)
      batch.append(.null)
    }
  }

  private func string(_ slot: Slot, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    switch slot.tag {
    case .null: return nil
    case .integer: return String(slot.integer)
    case .real: return String(slot.real)
    case .text:
      return String(
        decoding: UnsafeBufferPointer(rebasing: bytes[slot.start..<slot.start + slot.count]),
        as: UTF8.self
      )
    }
  }
}

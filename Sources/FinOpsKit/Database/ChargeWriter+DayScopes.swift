/// Day-level scopes and usage records: what the AI provider importers add to the hot path.
///
/// API formats restate whole UTC days, not whole billing periods (see `dailyScopes`); usage
/// records (tokens, requests) go to `aiUsage` through the same batches and scopes as charges, so
/// that a re-fetched day replaces both and `finops doctor` checks both.
extension ChargeWriter {
  /// Declares a bucket of a day-level scope (see `dailyScopes`), whether or not it has rows.
  ///
  /// An empty bucket still replaces what an earlier delivery said about that day.
  /// - Parameters:
  ///   - account: The billing account of the bucket's rows.
  ///   - start: The bucket start (UTC seconds).
  ///   - end: The bucket end, exclusive.
  /// - Throws: `RowError` when the bucket overlaps one already read in this batch.
  public func coverBucket(account: String, start: Int64, end: Int64) throws {
    let day = Self.dayStart(start)
    let (periodStart, periodEnd) = Self.month(of: start)
    _ = try ledger.cover(
      format: scopeFormat,
      account: account,
      periodStart: periodStart,
      periodEnd: periodEnd,
      day: day,
      bucketStart: start,
      bucketEnd: end,
      batch: batch
    )
  }

  /// Queues a usage record (tokens, requests...; never money) for the `aiUsage` table.
  ///
  /// Its scope is the day-level scope of its period start (or the billing month when
  /// `dailyScopes` is off), so that a re-fetched day replaces its usage records too.
  /// - Parameters:
  ///   - record: The record.
  ///   - line: The source line.
  /// - Throws: `StoreError` when the database thread has stopped.
  public func writeUsage(_ record: UsageRecord, line: Int) throws {
    let (periodStart, periodEnd) = Self.month(of: record.periodStart)
    let scope = try ledger.scope(
      format: scopeFormat,
      account: ArraySlice(Array(record.billingAccountId.utf8)),
      periodStart: periodStart,
      periodEnd: periodEnd,
      currency: nil,
      batch: batch,
      day: dailyScopes ? Self.dayStart(record.periodStart) : nil
    )
    ledger.addUsage(scope: scope)
    batch.append(.usage)
    batch.append(ledger.tallies[scope].id)
    batch.append(fileId)
    batch.append(Int64(line))
    batch.append(Int64(Timestamp.monthKey(record.periodStart)))
    batch.appendText(record.providerName)
    batch.appendText(record.endpoint)
    batch.append(record.periodStart)
    batch.append(record.periodEnd)
    batch.appendText(record.billingAccountId)
    for text in [record.subAccountId, record.model, record.apiKeyId, record.userId] {
      batch.appendOptionalText(text)
    }
    batch.appendOptionalText(record.serviceTier)
    batch.appendText(record.kind)
    batch.appendOptionalText(record.partOf)
    batch.appendText(record.unit)
    batch.append(record.quantity)
    batch.appendOptionalText(record.dimensions)
    usageCount += 1
    if batch.isFull { try flush() }
  }

  /// The start of the UTC day holding an instant.
  static func dayStart(_ seconds: Int64) -> Int64 {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return days * 86_400
  }

  /// The calendar month (UTC) holding an instant, as start and end seconds.
  static func month(of seconds: Int64) -> (start: Int64, end: Int64) {
    let key = Timestamp.monthKey(seconds)
    let (year, month) = (key / 100, key % 100)
    let start = Int64(Timestamp.daysSinceEpoch(year: year, month: month, day: 1)) * 86_400
    return (start, start + Int64(Timestamp.daysInMonth(year: year, month: month)) * 86_400)
  }
}

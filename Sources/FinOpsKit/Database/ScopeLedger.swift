/// The scopes an import batch covers: each (format, billing account, billing period) it writes,
/// with its `importScope` id, row count and cost totals.
///
/// A scope is what a later delivery of the same format, account and period replaces. The
/// ledger also enforces one billing currency per scope. It numbers new scopes itself and queues
/// their rows in the current `RowBatch`, ahead of the charges that refer to them.
public final class ScopeLedger {
  /// Totals for one (format, billing account, billing period) covered by the batch.
  public struct Tally: Sendable {
    /// The `importScope` row id.
    public var id: Int64
    /// The billing account.
    public var billingAccountId: String
    /// The start of the billing period.
    public var billingPeriodStart: Int64
    /// The end of the billing period.
    public var billingPeriodEnd: Int64
    /// The billing currency.
    public var currency: String
    /// The format that produced these rows.
    public var format: String
    /// Rows written.
    public var rowCount: Int64 = 0
    /// Sum of BilledCost in nano-units.
    public var billedCost: Int128 = 0
    /// Sum of EffectiveCost in nano-units.
    public var effectiveCost: Int128 = 0
    /// For a day-level scope (API formats), the first covered instant of its UTC day.
    public var coverageStart: Int64?
    /// For a day-level scope, the end of the covered part of its day (exclusive).
    public var coverageEnd: Int64?
    /// Usage records written (tokens, requests; never money).
    public var usageCount: Int64 = 0
    /// The buckets covered so far, to refuse a bucket delivered twice in one batch.
    var buckets: [(start: Int64, end: Int64)] = []
    /// Whether the scope was opened without a currency (an empty bucket, usage records) and
    /// takes the currency of its first charge.
    var currencyOpen = false
  }

  private struct Key: Hashable {
    var format: String
    var billingAccountId: String
    var billingPeriodStart: Int64
    /// The UTC day (seconds) of a day-level scope; `nil` for a whole billing period.
    var day: Int64?
  }

  private var nextId: Int64
  private var indexByKey: [Key: Int] = [:]
  /// The scopes written so far, in order of first appearance.
  public private(set) var tallies: [Tally] = []
  /// Which scopes (by index in `tallies`) each file wrote to.
  public private(set) var scopesByFile: [Int64: Set<Int>] = [:]
  private var fileId: Int64 = 0
  private var last = -1
  private var lastAccount: [UInt8] = []
  private var lastPeriod: Int64 = .min
  private var lastFormat = ""
  private var lastDay: Int64?

  init(nextId: Int64) { self.nextId = nextId }

  /// Starts a new file: its scopes are recorded separately.
  func startFile(_ fileId: Int64) {
    self.fileId = fileId
    scopesByFile[fileId] = []
    last = -1
  }

  /// The index in `tallies` of a row's scope, queueing a new `importScope` row when needed.
  ///
  /// Rows of one file usually share a scope, so the last one is checked first without building
  /// any string.
  func scope(
    format: String,
    account: ArraySlice<UInt8>,
    periodStart: Int64,
    periodEnd: Int64,
    currency: ArraySlice<UInt8>?,
    batch: RowBatch,
    day: Int64? = nil
  ) throws -> Int {
    if last >= 0 && periodStart == lastPeriod && account.elementsEqual(lastAccount)
      && format == lastFormat && day == lastDay
    {
      try checkCurrency(currency, of: last)
      return last
    }
    let accountText = String(decoding: account, as: UTF8.self)
    let key = Key(
      format: format,
      billingAccountId: accountText,
      billingPeriodStart: periodStart,
      day: day
    )
    let index: Int
    if let existing = indexByKey[key] {
      index = existing
      try checkCurrency(currency, of: index)
    } else {
      let currencyText = currency.map { String(decoding: $0, as: UTF8.self) } ?? ""
      let id = nextId
      nextId += 1
      batch.append(.scope)
      batch.append(id)
      batch.appendText(format)
      batch.appendText(accountText)
      batch.append(periodStart)
      batch.append(periodEnd)
      batch.appendText(currencyText)
      index = tallies.count
      tallies.append(
        Tally(
          id: id,
          billingAccountId: accountText,
          billingPeriodStart: periodStart,
          billingPeriodEnd: periodEnd,
          currency: currencyText,
          format: format,
          currencyOpen: currency == nil
        )
      )
      indexByKey[key] = index
    }
    scopesByFile[fileId, default: []].insert(index)
    last = index
    lastAccount = Array(account)
    lastPeriod = periodStart
    lastFormat = format
    lastDay = day
    return index
  }

  /// Records that a bucket of a day-level scope was delivered (with or without rows), so that
  /// the day replaces its earlier deliveries even when it is now empty.
  /// - Throws: `RowError` when the bucket overlaps one already read in this batch (the same
  ///   days fetched twice and saved in one folder).
  func cover(
    format: String,
    account: String,
    periodStart: Int64,
    periodEnd: Int64,
    day: Int64,
    bucketStart: Int64,
    bucketEnd: Int64,
    batch: RowBatch
  ) throws -> Int {
    let index = try scope(
      format: format,
      account: ArraySlice(Array(account.utf8)),
      periodStart: periodStart,
      periodEnd: periodEnd,
      currency: nil,
      batch: batch,
      day: day
    )
    if let other = tallies[index].buckets.first(where: {
      $0.start < bucketEnd && bucketStart < $0.end
    }) {
      let this = "\(Timestamp.iso8601(bucketStart))..\(Timestamp.iso8601(bucketEnd))"
      let earlier = "\(Timestamp.iso8601(other.start))..\(Timestamp.iso8601(other.end))"
      throw RowError(
        reason: "bucket \(this) overlaps bucket \(earlier) already read in this batch (the "
          + "same days fetched twice and saved together?); ingest each fetch as its own batch, "
          + "oldest first: the newer one replaces the days it covers"
      )
    }
    tallies[index].buckets.append((bucketStart, bucketEnd))
    tallies[index].coverageStart = min(tallies[index].coverageStart ?? bucketStart, bucketStart)
    tallies[index].coverageEnd = max(tallies[index].coverageEnd ?? bucketEnd, bucketEnd)
    return index
  }

  /// Counts a usage record in its scope.
  func addUsage(scope: Int) {
    tallies[scope].usageCount += 1
  }

  /// Counts a written row in its scope.
  func add(scope: Int, billedCost: Int64, effectiveCost: Int64) {
    tallies[scope].rowCount += 1
    tallies[scope].billedCost += Int128(billedCost)
    tallies[scope].effectiveCost += Int128(effectiveCost)
  }

  private func checkCurrency(_ currency: ArraySlice<UInt8>?, of index: Int) throws {
    // A scope opened by an empty bucket or by usage records has no currency yet: its first
    // charge sets it (written with the totals).
    guard let currency else { return }
    if tallies[index].currencyOpen {
      tallies[index].currency = String(decoding: currency, as: UTF8.self)
      tallies[index].currencyOpen = false
      return
    }
    let expected = tallies[index].currency
    guard currency.elementsEqual(expected.utf8) else {
      throw RowError(
        column: ChargeColumn.billingCurrency.focusName,
        value: String(decoding: currency, as: UTF8.self),
        reason: "mixes currencies: billing account '\(tallies[index].billingAccountId)' period "
          + "\(Timestamp.date(tallies[index].billingPeriodStart)) is billed in '\(expected)', "
          + "not"
      )
    }
  }
}

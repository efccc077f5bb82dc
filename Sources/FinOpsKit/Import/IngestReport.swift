/// What an ingest did, for the summary printed on stderr and for tests.
public struct IngestReport: Sendable {
  /// What happened to one input file.
  public enum FileStatus: Sendable, Equatable {
    /// Rows were imported.
    case imported
    /// Identical content is already in the database (in that batch); nothing was done.
    case unchanged(batchId: Int64)
    /// The same content appeared earlier in this ingest.
    case duplicate(of: String)
  }

  /// One input file.
  public struct FileOutcome: Sendable, Equatable {
    /// The path.
    public var path: String
    /// The importer id used.
    public var format: String
    /// The detected format version.
    public var version: String?
    /// What happened.
    public var status: FileStatus
    /// Rows imported.
    public var rows: Int64
    /// Rows set aside.
    public var rejected: Int
    /// Usage records imported (AI provider usage reports: tokens, requests; never spend).
    public var usageRecords: Int64 = 0
  }

  /// A scope of an earlier batch replaced by this one.
  public struct Replacement: Sendable, Equatable {
    /// The format.
    public var format: String
    /// The billing account.
    public var billingAccountId: String
    /// The start of the billing period.
    public var billingPeriodStart: Int64
    /// The earlier batch.
    public var replacedBatchId: Int64
    /// Rows removed with it.
    public var removedRows: Int64
    /// For a day-level scope (API formats), the UTC day replaced.
    public var day: Int64?
    /// Whether this batch's delivery of the day was dropped instead, because it covered
    /// strictly less of the day than the earlier one (a partial first bucket of a later fetch).
    public var keptEarlier = false
  }

  /// The new batch, or `nil` when nothing needed importing.
  public var batchId: Int64?
  /// Every input file.
  public var files: [FileOutcome] = []
  /// Earlier scopes this batch replaced.
  public var replacements: [Replacement] = []
  /// Scopes combined with the other view of their charges (Azure actual and amortized cost).
  public var combinations: [Combination] = []
  /// Scopes written, with their totals.
  public var scopes: [ChargeWriter.ScopeTally] = []
  /// Rows imported.
  public var rowCount: Int64 = 0
  /// Usage records imported.
  public var usageCount: Int64 = 0
  /// Rows set aside.
  public var rejectedCount = 0
  /// The first few rejection messages.
  public var rejectionExamples: [String] = []
}

import GRDB

/// Reads the provenance of import batches for `finops imports`.
public enum ImportHistory {
  /// One import batch with its files and scopes.
  public struct Batch: Sendable, Equatable {
    /// The batch id.
    public var id: Int64
    /// When it started (ISO 8601, UTC).
    public var startedAt: String
    /// The finops version that wrote it.
    public var toolVersion: String
    /// SHA-256 over its files' digests.
    public var contentHash: String
    /// Rows imported.
    public var rowCount: Int64
    /// Rows set aside.
    public var rejectedCount: Int64
    /// Its files.
    public var files: [File]
    /// The (format, account, period) scopes it covers.
    public var scopes: [Scope]

    /// Whether every scope was replaced by a later batch.
    public var isSuperseded: Bool {
      !scopes.isEmpty && scopes.allSatisfy { $0.supersededBy != nil }
    }
  }

  /// One imported file.
  public struct File: Sendable, Equatable {
    /// The path as given.
    public var path: String
    /// The importer id.
    public var format: String
    /// The detected version.
    public var formatVersion: String?
    /// Size on disk.
    public var sizeBytes: Int64
    /// SHA-256 of the bytes on disk.
    public var sha256: String
    /// Rows imported.
    public var rowCount: Int64
    /// Rows set aside.
    public var rejectedCount: Int64
  }

  /// One (format, billing account, billing period) covered by a batch.
  public struct Scope: Sendable, Equatable {
    /// The importer id.
    public var format: String
    /// The billing account.
    public var billingAccountId: String
    /// The billing period start (UTC seconds).
    public var billingPeriodStart: Int64
    /// The billing period end (UTC seconds).
    public var billingPeriodEnd: Int64
    /// The billing currency.
    public var currency: String
    /// Rows imported.
    public var rowCount: Int64
    /// Total BilledCost in nano-units.
    public var billedCost: Int64
    /// Total EffectiveCost in nano-units.
    public var effectiveCost: Int64
    /// The batch that replaced it, if any.
    public var supersededBy: Int64?
    /// For a day-level scope (API formats), the start of the covered part of its day.
    public var coverageStart: Int64?
    /// For a day-level scope, the end of the covered part of its day.
    public var coverageEnd: Int64?
    /// Usage records (AI provider tokens, requests; never money).
    public var usageCount: Int64 = 0
  }

  /// A row set aside by `--skip-bad-rows`.
  public struct RejectedRow: Sendable, Equatable {
    /// The file it came from.
    public var path: String
    /// Its line.
    public var line: Int64
    /// Why it was set aside.
    public var reason: String
    /// Its raw content.
    public var content: String
  }

  /// Every batch, oldest first.
  /// - Parameter database: The database.
  /// - Returns: The batches with files and scopes.
  /// - Throws: `StoreError` on database failure.
  public static func batches(in database: SpendDatabase) throws(StoreError) -> [Batch] {
    do {
      return try database.writer.read { db in
        var files: [Int64: [File]] = [:]
        for row in try Row.fetchAll(
          db,
          sql: """
            SELECT batchId, path, format, formatVersion, sizeBytes, sha256, rowCount, rejectedCount
            FROM importFile ORDER BY id
            """
        ) {
          files[row[0], default: []].append(
            File(
              path: row[1],
              format: row[2],
              formatVersion: row[3],
              sizeBytes: row[4],
              sha256: row[5],
              rowCount: row[6],
              rejectedCount: row[7]
            )
          )
        }
        var scopes: [Int64: [Scope]] = [:]
        for row in try Row.fetchAll(
          db,
          sql: """
            SELECT batchId, format, billingAccountId, billingPeriodStart, billingPeriodEnd,
              billingCurrency, rowCount, billedCostNanos, effectiveCostNanos, supersededByBatchId,
              coverageStart, coverageEnd, usageCount
            FROM importScope ORDER BY id
            """
        ) {
          scopes[row[0], default: []].append(
            Scope(
              format: row[1],
              billingAccountId: row[2],
              billingPeriodStart: row[3],
              billingPeriodEnd: row[4],
              currency: row[5],
              rowCount: row[6],
              billedCost: row[7],
              effectiveCost: row[8],
              supersededBy: row[9],
              coverageStart: row[10],
              coverageEnd: row[11],
              usageCount: row[12]
            )
          )
        }
        return try Row.fetchAll(
          db,
          sql: """
            SELECT id, startedAt, toolVersion, contentHash, rowCount, rejectedCount
            FROM importBatch ORDER BY id
            """
        ).map { row in
          let id: Int64 = row[0]
          return Batch(
            id: id,
            startedAt: row[1],
            toolVersion: row[2],
            contentHash: row[3],
            rowCount: row[4],
            rejectedCount: row[5],
            files: files[id] ?? [],
            scopes: scopes[id] ?? []
          )
        }
      }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
  }

  /// The rows a batch set aside.
  /// - Parameters:
  ///   - batchId: The batch.
  ///   - database: The database.
  /// - Returns: The rejected rows in file and line order.
  /// - Throws: `StoreError` on database failure.
  public static func rejectedRows(batchId: Int64, in database: SpendDatabase) throws(StoreError)
    -> [RejectedRow]
  {
    do {
      return try database.writer.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT f.path, r.line, r.reason, r.content FROM rejectedRow r
            JOIN importFile f ON f.id = r.fileId WHERE r.batchId = ? ORDER BY r.fileId, r.line
            """,
          arguments: [batchId]
        ).map { RejectedRow(path: $0[0], line: $0[1], reason: $0[2], content: $0[3]) }
      }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
  }
}

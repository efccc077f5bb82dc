import Foundation
import GRDB

/// Runs `finops ingest`: one call is one import batch, written in one transaction.
///
/// - Identical content already in the database (same SHA-256, same format, still live) is skipped.
/// - A batch that covers a (format, billing account, billing period) that an earlier batch
///   covered replaces the earlier rows of that scope, so a re-delivered month is never counted
///   twice.
/// - Strict by default: the first bad row rolls the whole batch back. With `skipBadRows` the bad
///   rows are kept in `rejectedRow` with their reasons.
public final class Ingestor {
  /// Progress of the file being read, for the terminal progress line.
  public struct Progress: Sendable {
    /// The file being read.
    public var path: String
    /// Its position in the batch (1-based) and the number of files.
    public var fileNumber: Int
    /// Files in the batch.
    public var fileCount: Int
    /// Bytes of the file read.
    public var consumedBytes: Int64
    /// The file's size on disk.
    public var fileBytes: Int64
    /// Rows written in the batch so far.
    public var rows: Int64
  }

  private let database: SpendDatabase
  private let registry: ImporterRegistry
  /// Called every few thousand rows while importing.
  public var onProgress: (@Sendable (Progress) -> Void)?
  /// Classifies new charge profiles as AI; `nil` means the built-in rules.
  public var aiClassifier: AIClassifier?

  /// Creates an ingestor.
  /// - Parameters:
  ///   - database: The database to write.
  ///   - registry: The importers to choose from.
  public init(database: SpendDatabase, registry: ImporterRegistry) {
    self.database = database
    self.registry = registry
  }

  private struct PlannedFile {
    var outcomeIndex: Int
    var path: String
    var sha256: String
    var size: Int64
    var importer: any Importer
    var version: String?
  }

  /// Imports the files under `options.paths` as one batch.
  /// - Parameter options: What to import and how.
  /// - Returns: What was imported, skipped and replaced.
  /// - Throws: `ImportError`; the database is then exactly as it was before the call.
  public func ingest(_ options: IngestOptions) throws(ImportError) -> IngestReport {
    let paths = try InputFiles.expand(options.paths)
    var report = IngestReport()
    var planned: [PlannedFile] = []
    var seen: [String: String] = [:]
    for path in paths {
      let importer: any Importer
      let version: String?
      (importer, version) = try choose(for: path, format: options.format)
      let sha256: String
      do {
        sha256 = try ContentHasher.sha256(path: path)
      } catch {
        throw .input(error)
      }
      let id = importer.descriptor.id
      if let first = seen[sha256] {
        report.files.append(
          .init(
            path: path,
            format: id,
            version: version,
            status: .duplicate(of: first),
            rows: 0,
            rejected: 0
          )
        )
        continue
      }
      seen[sha256] = path
      if let batch = try liveBatch(sha256: sha256, format: id) {
        report.files.append(
          .init(
            path: path,
            format: id,
            version: version,
            status: .unchanged(batchId: batch),
            rows: 0,
            rejected: 0
          )
        )
        continue
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
      planned.append(
        PlannedFile(
          outcomeIndex: report.files.count,
          path: path,
          sha256: sha256,
          size: size ?? 0,
          importer: importer,
          version: version
        )
      )
      report.files.append(
        .init(path: path, format: id, version: version, status: .imported, rows: 0, rejected: 0)
      )
    }
    guard !planned.isEmpty else { return report }
    try write(planned, options: options, report: &report)
    return report
  }

  private func choose(for path: String, format: String?) throws(ImportError) -> (
    any Importer, String?
  ) {
    let sample = try InputFiles.sample(path)
    if let format {
      guard let importer = registry.importer(id: format) else {
        throw .unknownFormatId(format, known: registry.importers.map(\.descriptor.id))
      }
      if case .match(let version) = importer.recognize(sample) { return (importer, version) }
      return (importer, nil)
    }
    guard let match = registry.recognizers(of: sample).first else {
      throw .unknownFormat(
        path: path,
        header: sample.header,
        closest: registry.closestCandidates(to: sample)
      )
    }
    return match
  }

  private func liveBatch(sha256: String, format: String) throws(ImportError) -> Int64? {
    try storeCall {
      try database.writer.read { db in
        try Int64.fetchOne(
          db,
          sql: """
            SELECT f.batchId FROM importFile f
            WHERE f.sha256 = ? AND f.format = ?
              AND (NOT EXISTS (SELECT 1 FROM importFileScope fs WHERE fs.fileId = f.id)
                OR EXISTS (SELECT 1 FROM importFileScope fs JOIN importScope s ON s.id = fs.scopeId
                  WHERE fs.fileId = f.id AND s.supersededByBatchId IS NULL))
            ORDER BY f.batchId DESC LIMIT 1
            """,
          arguments: [sha256, format]
        )
      }
    }
  }

  private func write(
    _ planned: [PlannedFile],
    options: IngestOptions,
    report: inout IngestReport
  ) throws(ImportError) {
    let started = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
    let contentHash = ContentHasher.sha256(
      of: planned.map { "\($0.importer.descriptor.id):\($0.sha256)" }.sorted()
    )
    let progress = onProgress
    var outcome = report
    do {
      try database.writer.inTransaction(.immediate) { db in
        try db.execute(
          sql: """
            INSERT INTO importBatch (startedAt, finishedAt, toolVersion, arguments, contentHash,
              rowCount, rejectedCount) VALUES (?, ?, ?, ?, ?, 0, 0)
            """,
          arguments: [
            started, started, options.toolVersion, jsonArray(options.paths),
            contentHash,
          ]
        )
        let batchId = db.lastInsertedRowID
        let store = try ChargeStore(db: db, batchId: batchId)
        let ids = try ChargeStore.nextIds(db)
        let writer = ChargeWriter(nextProfileId: ids.profile, nextScopeId: ids.scope)
        writer.classifier = aiClassifier ?? AIClassifier.standard()
        let rows = RowPolicy(skipBadRows: options.skipBadRows, writer: writer)
        var parts: [PartPeriodCheck.Part] = []
        for (number, file) in planned.enumerated() {
          let id = file.importer.descriptor.id
          try db.execute(
            sql: """
              INSERT INTO importFile (batchId, path, sizeBytes, sha256, format, formatVersion,
                rowCount, rejectedCount) VALUES (?, ?, ?, ?, ?, ?, 0, 0)
              """,
            arguments: [batchId, file.path, file.size, file.sha256, id, file.version]
          )
          let fileId = db.lastInsertedRowID
          if file.importer.descriptor.partsShareBillingPeriod == true {
            parts.append(.init(fileId: fileId, path: file.path, format: id))
          }
          writer.startFile(fileId, format: id)
          rows.startFile()
          if let progress {
            writer.onProgress = { rowCount, consumed in
              progress(
                Progress(
                  path: file.path,
                  fileNumber: number + 1,
                  fileCount: planned.count,
                  consumedBytes: consumed,
                  fileBytes: file.size,
                  rows: rowCount
                )
              )
            }
          }
          let before = writer.rowCount
          let usageBefore = writer.usageCount
          try Self.importPipelined(
            file.importer,
            ImportFile(path: file.path, version: file.version),
            writer: writer,
            rows: rows,
            store: store
          )
          let imported = writer.rowCount - before
          try db.execute(
            sql: "UPDATE importFile SET rowCount = ?, rejectedCount = ? WHERE id = ?",
            arguments: [imported, rows.rejectedInFile, fileId]
          )
          outcome.files[file.outcomeIndex].rows = imported
          outcome.files[file.outcomeIndex].rejected = rows.rejectedInFile
          outcome.files[file.outcomeIndex].usageRecords = writer.usageCount - usageBefore
        }
        try PartPeriodCheck.verify(parts, writer: writer)
        try store.writeTotals(writer.tallies)
        for (fileId, scopes) in writer.scopesByFile {
          for scope in scopes {
            try db.execute(
              sql: "INSERT INTO importFileScope (fileId, scopeId) VALUES (?, ?)",
              arguments: [fileId, writer.tallies[scope].id]
            )
          }
        }
        outcome.replacements = try replaceEarlierScopes(db, batchId: batchId)
        let combined = try ComplementaryScopes.apply(
          ComplementaryScopes.pairs(in: registry),
          db: db,
          batchId: batchId
        )
        let finished = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
        try db.execute(
          sql: """
            UPDATE importBatch SET finishedAt = ?, rowCount = ?, rejectedCount = ? WHERE id = ?
            """,
          arguments: [finished, writer.rowCount, rows.rejectedInBatch, batchId]
        )
        outcome.batchId = batchId
        outcome.scopes = ComplementaryScopes.adjusted(writer.tallies, combined)
        outcome.combinations = combined.map(\.summary)
        outcome.rowCount = writer.rowCount
        outcome.usageCount = writer.usageCount
        outcome.rejectedCount = rows.rejectedInBatch
        outcome.rejectionExamples = rows.examples
        return .commit
      }
    } catch let error as ImportError {
      throw error
    } catch let error as RowError {
      throw .inconsistentBatch(
        path: planned[0].path,
        format: planned[0].importer.descriptor.id,
        reason: error.message
      )
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    report = outcome
  }

  /// Runs an importer on a second thread while this thread (which owns the transaction) writes
  /// what it produces, so that parsing and SQLite work overlap on two cores.
  private static func importPipelined(
    _ importer: any Importer,
    _ file: ImportFile,
    writer: ChargeWriter,
    rows: RowPolicy,
    store: ChargeStore
  ) throws {
    let channel = RowChannel()
    writer.channel = channel
    defer { writer.channel = nil }
    let done = DispatchSemaphore(value: 0)
    let work = UncheckedSendable((importer, file, writer, rows, channel))
    let thread = Thread {
      let (importer, file, writer, rows, channel) = work.value
      do {
        try importer.importFile(file, into: writer, rows: rows)
        try writer.flush()
        channel.close(error: nil)
      } catch {
        channel.close(error: error)
      }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    var storeError: (any Error)?
    while let batch = channel.receive() {
      if storeError == nil {
        do {
          try store.apply(batch)
        } catch {
          storeError = error
          channel.cancel()
        }
      }
      channel.recycle(batch)
    }
    done.wait()
    if let storeError { throw storeError }
    if let producerError = channel.producerError { throw producerError }
  }

  /// Marks every earlier live scope that this batch covers again as superseded, and deletes its
  /// charges and usage records.
  ///
  /// Scopes of a whole billing period match on (format, billing account, billing period).
  /// Day-level scopes (API formats, `coverageStart` set) match on the same plus the UTC day:
  /// the newer delivery of a day wins, except when it covers strictly less of that day than
  /// the earlier one (the partial first bucket of a fetch that started mid-day); then the
  /// earlier, fuller day is kept and the newer rows of that day are dropped.
  private func replaceEarlierScopes(_ db: Database, batchId: Int64) throws
    -> [IngestReport.Replacement]
  {
    let earlier = try Row.fetchAll(
      db,
      sql: """
        SELECT old.id, old.batchId, old.format, old.billingAccountId, old.billingPeriodStart,
          old.rowCount, new.id, old.coverageStart / 86400 * 86400,
          new.coverageStart IS NOT NULL AND new.coverageStart >= old.coverageStart
            AND new.coverageEnd <= old.coverageEnd
            AND (new.coverageStart > old.coverageStart OR new.coverageEnd < old.coverageEnd)
        FROM importScope new
        JOIN importScope old ON old.format = new.format
          AND old.billingAccountId = new.billingAccountId
          AND old.billingPeriodStart = new.billingPeriodStart
          AND old.batchId <> new.batchId
          AND old.supersededByBatchId IS NULL
          AND ((old.coverageStart IS NULL AND new.coverageStart IS NULL)
            OR old.coverageStart / 86400 = new.coverageStart / 86400)
        WHERE new.batchId = ?
        ORDER BY old.id
        """,
      arguments: [batchId]
    )
    var replacements: [IngestReport.Replacement] = []
    for row in earlier {
      let keptEarlier: Bool = row[8]
      let scopeId: Int64 = keptEarlier ? row[6] : row[0]
      let winner: Int64 = keptEarlier ? row[1] : batchId
      try db.execute(sql: "DELETE FROM charge WHERE scopeId = ?", arguments: [scopeId])
      let removed = Int64(db.changesCount)
      try db.execute(sql: "DELETE FROM chargeProfile WHERE scopeId = ?", arguments: [scopeId])
      try db.execute(sql: "DELETE FROM aiUsage WHERE scopeId = ?", arguments: [scopeId])
      try db.execute(
        sql: "UPDATE importScope SET supersededByBatchId = ? WHERE id = ?",
        arguments: [winner, scopeId]
      )
      replacements.append(
        .init(
          format: row[2],
          billingAccountId: row[3],
          billingPeriodStart: row[4],
          replacedBatchId: row[1],
          removedRows: removed,
          day: row[7],
          keptEarlier: keptEarlier
        )
      )
    }
    return replacements
  }

  private func storeCall<T>(_ body: () throws -> T) throws(ImportError) -> T {
    do {
      return try body()
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
  }

  private func jsonArray(_ values: [String]) -> String {
    "[" + values.map(JSONText.quoted).joined(separator: ",") + "]"
  }
}

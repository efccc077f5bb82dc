import Foundation

/// `finops demo`: writes realistic sample exports, ingests them into a fresh database, and
/// re-ingests a restated month to show that replacement does not double count.
public enum Demo {
  /// What the demo did.
  public struct Result: Sendable {
    /// The database it wrote.
    public var databasePath: String
    /// Human-readable steps.
    public var log: [String]
    /// The import batches at the end.
    public var batches: [ImportHistory.Batch]
  }

  /// Runs the demo in a directory (created if needed; its demo database is recreated).
  /// - Parameter directory: Where exports and the database go.
  /// - Returns: What was done.
  /// - Throws: `ImportError`, `StoreError` or a file error.
  public static func run(directory: String) throws -> Result {
    let exports = (directory as NSString).appendingPathComponent("exports")
    try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
    let databasePath = (directory as NSString).appendingPathComponent("finops.sqlite")
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: databasePath + suffix)
    }
    var log: [String] = []
    var files: [String] = []
    for (index, month) in [202608, 202609, 202610].enumerated() {
      let path = (exports as NSString).appendingPathComponent("focus-\(month).csv")
      try FOCUSExportGenerator(month: month, seed: UInt64(index + 1)).write(rows: 2_000, to: path)
      files.append(path)
    }
    log.append("wrote \(files.count) FOCUS 1.2 exports to \(exports)")
    let database = try SpendDatabase(path: databasePath)
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let first = try ingestor.ingest(IngestOptions(paths: [exports]))
    log.append("ingested \(first.rowCount) rows in batch \(first.batchId ?? 0)")
    let again = try ingestor.ingest(IngestOptions(paths: [exports]))
    log.append(
      "re-ingested the same folder: \(again.batchId == nil ? "nothing changed" : "new batch")"
    )
    // The provider re-delivers October with more rows: the new file replaces the old scope.
    let restated = (exports as NSString).appendingPathComponent("focus-202610.csv")
    try FOCUSExportGenerator(month: 202610, seed: 99).write(rows: 2_500, to: restated)
    let replaced = try ingestor.ingest(IngestOptions(paths: [restated]))
    log.append(
      "re-delivered 2026-10: \(replaced.rowCount) rows replaced "
        + "\(replaced.replacements.map(\.removedRows).reduce(0, +)) earlier rows"
    )
    return Result(
      databasePath: databasePath,
      log: log,
      batches: try ImportHistory.batches(in: database)
    )
  }
}

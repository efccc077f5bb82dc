import Foundation
import GRDB

/// The finops SQLite database: one file holding normalized charges and import provenance.
///
/// It owns the GRDB connection, applies the migrations, and refuses a database written by a newer
/// version of finops (one with migrations this version does not know).
public final class SpendDatabase: Sendable {
  /// The underlying GRDB connection.
  public let writer: DatabaseQueue

  /// Opens (creating if needed) a database file and migrates it to the current schema.
  /// - Parameter path: The SQLite file.
  /// - Throws: `StoreError` when the file cannot be opened, is not a finops database, or was
  ///   written by a newer finops.
  public convenience init(path: String) throws(StoreError) {
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(path: path, configuration: Self.makeConfiguration())
    } catch {
      throw .cannotOpen(path: path, reason: Self.reason(error))
    }
    try self.init(queue, path: path)
  }

  /// Wraps an existing queue (for example an in-memory one in tests) and migrates it.
  /// - Parameters:
  ///   - queue: The connection.
  ///   - path: A name for messages.
  /// - Throws: `StoreError` as for `init(path:)`.
  public init(_ queue: DatabaseQueue, path: String = ":memory:") throws(StoreError) {
    writer = queue
    do {
      if try queue.read({ try Self.migrator.hasBeenSuperseded($0) }) {
        throw StoreError.newerDatabase(path: path)
      }
      try Self.migrator.migrate(queue)
    } catch let error as StoreError {
      throw error
    } catch {
      throw .cannotOpen(path: path, reason: Self.reason(error))
    }
  }

  /// Creates an empty in-memory database, for tests and dry runs.
  /// - Returns: A migrated in-memory database.
  /// - Throws: `StoreError` if migration fails.
  public static func inMemory() throws(StoreError) -> SpendDatabase {
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(configuration: makeConfiguration())
    } catch {
      throw .cannotOpen(path: ":memory:", reason: reason(error))
    }
    return try SpendDatabase(queue)
  }

  /// The connection settings: WAL so that reports can read during an ingest, a busy timeout so
  /// that a second writer waits instead of failing, and SQL tracing behind `FINOPS_SQL_TRACE`.
  /// - Returns: The GRDB configuration.
  public static func makeConfiguration() -> Configuration {
    var configuration = Configuration()
    configuration.busyMode = .timeout(60)
    configuration.prepareDatabase { db in
      // Takes effect only when the file is new: larger pages mean fewer B-tree splits in bulk
      // inserts and fewer pages to write.
      try db.execute(sql: "PRAGMA page_size = 16384")
      if db.configuration.readonly == false {
        // WAL lets readers see the last committed state while an import writes.
        try? db.execute(sql: "PRAGMA journal_mode = WAL")
      }
      // NORMAL in WAL mode never corrupts the database; a power cut may lose the last commit.
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      try db.execute(sql: "PRAGMA cache_size = -32768")
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
      if ProcessInfo.processInfo.environment["FINOPS_SQL_TRACE"] != nil {
        db.trace { FileHandle.standardError.write(Data("SQL: \($0)\n".utf8)) }
      }
    }
    return configuration
  }

  static func reason(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
    return String(describing: error)
  }
}

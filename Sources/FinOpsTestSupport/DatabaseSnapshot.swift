import FinOpsKit
import GRDB

/// A full textual dump of every table, to prove that a failed operation left nothing behind.
public enum DatabaseSnapshot {
  /// Dumps every row of every table in a stable order.
  /// - Parameter database: The database.
  /// - Returns: One line per row, prefixed with its table.
  /// - Throws: Database errors.
  public static func dump(_ database: SpendDatabase) throws -> String {
    try database.writer.read { db in
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name NOT LIKE 'grdb_%' ORDER BY name
          """
      )
      var lines: [String] = []
      for table in tables {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") {
          lines.append("\(table): \(row.description)")
        }
      }
      return lines.joined(separator: "\n")
    }
  }
}

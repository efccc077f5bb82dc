import FinOpsKit
import GRDB

/// Writes the normalized charges of a database as deterministic CSV, for golden-file tests of
/// importers (one line per charge, FOCUS column names, money as exact decimals).
public enum ChargeExport {
  /// Renders every charge ordered by file and line.
  ///
  /// The columns derived at ingest (`x_AICategory` and the accelerators) are left out unless
  /// asked for: importer goldens show what the importer read, classification has its own tests.
  /// - Parameters:
  ///   - database: The database.
  ///   - includingDerived: Whether to add the derived columns at the end.
  /// - Returns: CSV text with a header.
  /// - Throws: Database errors.
  public static func csv(_ database: SpendDatabase, includingDerived: Bool = false) throws
    -> String
  {
    let columns = ChargeColumn.allCases.filter { includingDerived || !$0.isDerived }
    return try database.writer.read { db in
      var lines = ["SourceLine," + columns.map(\.focusName).joined(separator: ",")]
      let sql =
        "SELECT sourceLine, " + columns.map(\.sqlName).joined(separator: ", ")
        + " FROM focusCharge ORDER BY fileId, sourceLine"
      for row in try Row.fetchAll(db, sql: sql) {
        var cells = [String(row[0] as Int64)]
        for (offset, column) in columns.enumerated() {
          let value: DatabaseValue = row[offset + 1]
          cells.append(render(value, column: column))
        }
        lines.append(cells.joined(separator: ","))
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }

  private static func render(_ value: DatabaseValue, column: ChargeColumn) -> String {
    switch value.storage {
    case .null: return "NULL"
    case .int64(let integer):
      switch column.kind {
      case .money: return Money.exact(Int128(integer))
      case .timestamp: return Timestamp.iso8601(integer)
      default: return String(integer)
      }
    case .double(let double): return String(double)
    case .string(let text):
      if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        || text.isEmpty
      {
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }
      return text
    case .blob: return "<blob>"
    }
  }
}

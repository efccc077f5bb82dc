import FinOpsKit
import Foundation
import GRDB

/// Writes the AI usage records of a database as deterministic CSV, for golden-file tests of the
/// usage importers (one line per record, ordered by file, line and kind).
public enum UsageExport {
  /// The columns written, in order.
  public static let columns = [
    "sourceLine", "providerName", "endpoint", "periodStart", "periodEnd", "billingAccountId",
    "subAccountId", "model", "apiKeyId", "userId", "serviceTier", "quantityKind", "partOf",
    "unit", "quantity", "dimensions",
  ]

  /// Renders every usage record.
  /// - Parameter database: The database.
  /// - Returns: CSV text with a header.
  /// - Throws: Database errors.
  public static func csv(_ database: SpendDatabase) throws -> String {
    try database.writer.read { db in
      var lines = [columns.joined(separator: ",")]
      let sql =
        "SELECT " + columns.joined(separator: ", ")
        + " FROM aiUsage ORDER BY fileId, sourceLine, id"
      for row in try Row.fetchAll(db, sql: sql) {
        var cells: [String] = []
        for (offset, name) in columns.enumerated() {
          let value: DatabaseValue = row[offset]
          switch value.storage {
          case .null: cells.append("NULL")
          case .int64(let integer):
            cells.append(name.hasPrefix("period") ? Timestamp.iso8601(integer) : String(integer))
          case .double(let double): cells.append(String(double))
          case .string(let text):
            cells.append(
              text.contains(where: { $0 == "," || $0 == "\"" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            )
          case .blob: cells.append("<blob>")
          }
        }
        lines.append(cells.joined(separator: ","))
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}

import GRDB

/// Verifies a finops database: SQLite's own integrity, foreign keys, and that the charges still
/// add up to the totals each import recorded, with no orphaned rows.
public enum DatabaseDoctor {
  /// One problem found.
  public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// What was checked (`integrity`, `totals`, `orphans`, ...).
    public var check: String
    /// What is wrong.
    public var message: String

    /// The finding as a diagnostic line.
    public var description: String { "error: [\(check)] \(message)" }
  }

  /// The result of a check.
  public struct Report: Sendable, Equatable {
    /// The problems found; empty when the database is sound.
    public var findings: [Finding]
    /// How many live scopes had their totals verified.
    public var scopesChecked: Int
    /// How many charges were counted.
    public var chargesChecked: Int64
  }

  /// Runs every check.
  /// - Parameter database: The database.
  /// - Returns: The findings and what was checked.
  /// - Throws: `StoreError` when the database cannot be read.
  public static func check(_ database: SpendDatabase) throws(StoreError) -> Report {
    do {
      return try database.writer.read { db in
        var findings: [Finding] = []
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if integrity != ["ok"] {
          findings += integrity.map { Finding(check: "integrity", message: $0) }
        }
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
          findings.append(
            Finding(
              check: "foreign-keys",
              message: "\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) refers to a "
                + "missing \(row[2] as String? ?? "?") row"
            )
          )
        }
        let (scopeFindings, scopes, charges) = try checkTotals(db)
        findings += scopeFindings
        findings += try checkOrphans(db)
        findings += try checkBatches(db)
        return Report(findings: findings, scopesChecked: scopes, chargesChecked: charges)
      }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
  }

  private static func checkTotals(_ db: Database) throws -> ([Finding], Int, Int64) {
    var findings: [Finding] = []
    var actual: [Int64: (rows: Int64, billed: Int64, effective: Int64)] = [:]
    var charges: Int64 = 0
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT scopeId, COUNT(*), SUM(billedCostNanos), SUM(effectiveCostNanos)
        FROM charge GROUP BY scopeId
        """
    ) {
      actual[row[0]] = (row[1], row[2], row[3])
      charges += row[1] as Int64
    }
    var usage: [Int64: Int64] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT scopeId, COUNT(*) FROM aiUsage GROUP BY scopeId") {
      usage[row[0]] = row[1]
    }
    var checked = 0
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT id, batchId, billingAccountId, billingPeriodStart, rowCount, billedCostNanos,
          effectiveCostNanos, supersededByBatchId, usageCount, coverageStart
        FROM importScope ORDER BY id
        """
    ) {
      let id: Int64 = row[0]
      let day = (row[9] as Int64?).map { ", day \(Timestamp.date($0))" } ?? ""
      let label =
        "scope \(id) (batch \(row[1] as Int64), account '\(row[2] as String)', period "
        + "\(Timestamp.date(row[3] as Int64))\(day))"
      let found = actual.removeValue(forKey: id)
      let usageFound = usage.removeValue(forKey: id) ?? 0
      let usageRecorded: Int64 = row[8]
      if (row[7] as Int64?) != nil ? usageFound > 0 : usageFound != usageRecorded {
        findings.append(
          Finding(
            check: "totals",
            message: "\(label) recorded \(usageRecorded) usage records but holds \(usageFound)"
              + ((row[7] as Int64?) != nil ? " after it was replaced" : "")
          )
        )
      }
      if (row[7] as Int64?) != nil {
        if let found, found.rows > 0 {
          findings.append(
            Finding(
              check: "totals",
              message: "\(label) was replaced but still has \(found.rows) charges"
            )
          )
        }
        continue
      }
      checked += 1
      let recorded: (Int64, Int64, Int64) = (row[4], row[5], row[6])
      let live = found ?? (0, 0, 0)
      if live.rows != recorded.0 || live.billed != recorded.1 || live.effective != recorded.2 {
        findings.append(
          Finding(
            check: "totals",
            message: "\(label) recorded \(recorded.0) rows, billed "
              + "\(Money.exact(Int128(recorded.1))), effective \(Money.exact(Int128(recorded.2))) "
              + "but holds \(live.rows) rows, billed \(Money.exact(Int128(live.billed))), "
              + "effective \(Money.exact(Int128(live.effective)))"
          )
        )
      }
    }
    for (scope, found) in actual.sorted(by: { $0.key < $1.key }) {
      findings.append(
        Finding(check: "orphans", message: "\(found.rows) charges refer to missing scope \(scope)")
      )
    }
    for (scope, count) in usage.sorted(by: { $0.key < $1.key }) {
      findings.append(
        Finding(
          check: "orphans",
          message: "\(count) usage records refer to missing scope \(scope)"
        )
      )
    }
    return (findings, checked, charges)
  }

  private static func checkOrphans(_ db: Database) throws -> [Finding] {
    let checks: [(String, String)] = [
      (
        "charges refer to a missing profile",
        "SELECT COUNT(*) FROM charge c LEFT JOIN chargeProfile p ON p.id = c.profileId "
          + "WHERE p.id IS NULL"
      ),
      (
        "charges refer to a missing file",
        "SELECT COUNT(*) FROM charge c LEFT JOIN importFile f ON f.id = c.fileId WHERE f.id IS NULL"
      ),
      (
        "profiles belong to a missing or replaced scope",
        "SELECT COUNT(*) FROM chargeProfile p LEFT JOIN importScope s ON s.id = p.scopeId "
          + "WHERE s.id IS NULL OR s.supersededByBatchId IS NOT NULL"
      ),
    ]
    var findings: [Finding] = []
    for (message, sql) in checks {
      let count = try Int64.fetchOne(db, sql: sql) ?? 0
      if count > 0 { findings.append(Finding(check: "orphans", message: "\(count) \(message)")) }
    }
    return findings
  }

  private static func checkBatches(_ db: Database) throws -> [Finding] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT b.id, b.rowCount, COALESCE(SUM(s.rowCount), 0) FROM importBatch b
        LEFT JOIN importScope s ON s.batchId = b.id GROUP BY b.id ORDER BY b.id
        """
    ).compactMap { row in
      let (id, recorded, scopes): (Int64, Int64, Int64) = (row[0], row[1], row[2])
      guard recorded != scopes else { return nil }
      return Finding(
        check: "batches",
        message: "batch \(id) recorded \(recorded) rows but its scopes add up to \(scopes)"
      )
    }
  }
}

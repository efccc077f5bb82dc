import Foundation
import GRDB

/// Remembers which alerts were delivered, so that a daily run only sends what is new or worse.
///
/// An alert (by fingerprint: kind, subject, month) is sent when it was never delivered, when
/// its severity rose (warning to critical), or when its escalation grew (a larger overrun by
/// at least one `alerts.resend_step`). A failed delivery is recorded as a failure and leaves
/// the alert undelivered, so the next run sends it again.
public struct AlertLedger: Sendable {
  /// What the ledger knows about one fingerprint.
  public struct Entry: Sendable, Equatable {
    /// The severity last delivered, if any.
    public var deliveredSeverity: AlertSeverity?
    /// The escalation last delivered, if any.
    public var deliveredEscalation: Int?
    /// Failed attempts since the last delivery.
    public var failedAttempts: Int
    /// The last failure's reason.
    public var lastFailure: String?
  }

  /// The database holding the ledger.
  public let database: SpendDatabase

  /// Creates a ledger over a database.
  /// - Parameter database: The database (migrated, so the table exists).
  public init(database: SpendDatabase) { self.database = database }

  /// The alerts that should be sent now.
  /// - Parameters:
  ///   - alerts: The alerts found in this run.
  ///   - resend: Send every alert, delivered or not.
  /// - Returns: The alerts to send, in the given order.
  /// - Throws: `StoreError` when the database fails.
  public func due(_ alerts: [Alert], resend: Bool = false) throws(StoreError) -> [Alert] {
    guard !resend else { return alerts }
    let entries = try self.entries(for: alerts.map(\.fingerprint))
    return alerts.filter { alert in
      guard let entry = entries[alert.fingerprint], let delivered = entry.deliveredSeverity
      else { return true }
      if alert.severity > delivered { return true }
      return alert.severity == delivered && alert.escalation > (entry.deliveredEscalation ?? 0)
    }
  }

  /// Records a successful delivery.
  /// - Parameters:
  ///   - alerts: The alerts delivered.
  ///   - date: When.
  /// - Throws: `StoreError` when the database fails.
  public func recordDelivered(_ alerts: [Alert], at date: Date = Date()) throws(StoreError) {
    let stamp = Self.stamp(date)
    try write { db in
      for alert in alerts {
        try db.execute(
          sql: """
            INSERT INTO alertDelivery (fingerprint, kind, subject, month, deliveredSeverity,
              deliveredEscalation, deliveredAt, deliveredMessage, failedAttempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT(fingerprint) DO UPDATE SET deliveredSeverity = excluded.deliveredSeverity,
              deliveredEscalation = excluded.deliveredEscalation,
              deliveredAt = excluded.deliveredAt, deliveredMessage = excluded.deliveredMessage,
              failedAttempts = 0, lastFailureAt = NULL, lastFailure = NULL
            """,
          arguments: [
            alert.fingerprint, alert.kind, alert.subject, alert.month, alert.severity.rawValue,
            alert.escalation, stamp, alert.message,
          ]
        )
      }
    }
  }

  /// Records a failed delivery; the alerts stay due.
  /// - Parameters:
  ///   - alerts: The alerts that were not delivered.
  ///   - reason: Why.
  ///   - date: When.
  /// - Throws: `StoreError` when the database fails.
  public func recordFailure(_ alerts: [Alert], reason: String, at date: Date = Date())
    throws(StoreError)
  {
    let stamp = Self.stamp(date)
    try write { db in
      for alert in alerts {
        try db.execute(
          sql: """
            INSERT INTO alertDelivery (fingerprint, kind, subject, month, failedAttempts,
              lastFailureAt, lastFailure)
            VALUES (?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT(fingerprint) DO UPDATE SET failedAttempts = failedAttempts + 1,
              lastFailureAt = excluded.lastFailureAt, lastFailure = excluded.lastFailure
            """,
          arguments: [alert.fingerprint, alert.kind, alert.subject, alert.month, stamp, reason]
        )
      }
    }
  }

  /// What the ledger holds for some fingerprints.
  /// - Parameter fingerprints: The fingerprints.
  /// - Returns: The entries found, by fingerprint.
  /// - Throws: `StoreError` when the database fails.
  public func entries(for fingerprints: [String]) throws(StoreError) -> [String: Entry] {
    do {
      return try database.writer.read { db in
        var result: [String: Entry] = [:]
        for fingerprint in fingerprints {
          let sql = """
            SELECT deliveredSeverity, deliveredEscalation, failedAttempts, lastFailure
            FROM alertDelivery WHERE fingerprint = ?
            """
          guard let row = try Row.fetchOne(db, sql: sql, arguments: [fingerprint]) else {
            continue
          }
          let severity: String? = row[0]
          result[fingerprint] = Entry(
            deliveredSeverity: severity.flatMap(AlertSeverity.init(rawValue:)),
            deliveredEscalation: row[1],
            failedAttempts: row[2],
            lastFailure: row[3]
          )
        }
        return result
      }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
  }

  private func write(_ body: (Database) throws -> Void) throws(StoreError) {
    do {
      try database.writer.write { db in try body(db) }
    } catch {
      throw .sqlite(reason: SpendDatabase.reason(error))
    }
  }

  private static func stamp(_ date: Date) -> String {
    Timestamp.iso8601(Int64(date.timeIntervalSince1970.rounded(.down)))
  }
}

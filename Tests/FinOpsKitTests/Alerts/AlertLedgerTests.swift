import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The `v2-alerts` migration and the ledger's rules for what is due.
struct AlertLedgerTests {
  private func alert(_ severity: AlertSeverity, escalation: Int, month: Int = 202610) -> Alert {
    Alert(
      kind: "unallocated",
      severity: severity,
      subject: "unallocated",
      month: month,
      value: 0,
      threshold: 0,
      unit: .share,
      message: "m",
      escalation: escalation
    )
  }

  @Test func theMigrationCreatesTheDeliveryTable() throws {
    let database = try SpendDatabase.inMemory()
    let columns = try database.writer.read { db in
      try db.columns(in: "alertDelivery").map(\.name)
    }
    #expect(
      columns == [
        "fingerprint", "kind", "subject", "month", "deliveredSeverity", "deliveredEscalation",
        "deliveredAt", "deliveredMessage", "failedAttempts", "lastFailureAt", "lastFailure",
      ]
    )
    let applied = try database.writer.read { db in
      try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
    }
    #expect(applied.contains("v2-alerts"))
  }

  @Test func dueFollowsSeverityAndEscalation() throws {
    let ledger = AlertLedger(database: try SpendDatabase.inMemory())
    #expect(try ledger.due([alert(.warning, escalation: 2)]).count == 1)
    try ledger.recordDelivered([alert(.warning, escalation: 2)])
    #expect(try ledger.due([alert(.warning, escalation: 2)]).isEmpty)
    #expect(try ledger.due([alert(.warning, escalation: 1)]).isEmpty)
    #expect(try ledger.due([alert(.warning, escalation: 3)]).count == 1)
    #expect(try ledger.due([alert(.critical, escalation: 0)]).count == 1)
    #expect(try ledger.due([alert(.warning, escalation: 2)], resend: true).count == 1)
    // The same kind and subject in another month is another alert.
    #expect(try ledger.due([alert(.warning, escalation: 2, month: 202611)]).count == 1)
  }

  @Test func aFailureDoesNotForgetAnEarlierDelivery() throws {
    let ledger = AlertLedger(database: try SpendDatabase.inMemory())
    try ledger.recordDelivered([alert(.warning, escalation: 2)])
    // The alert got worse, the delivery of the worse one failed: still due, still known.
    try ledger.recordFailure([alert(.critical, escalation: 2)], reason: "webhook answered 503")
    try ledger.recordFailure([alert(.critical, escalation: 2)], reason: "webhook answered 503")
    let entry = try #require(
      try ledger.entries(for: [alert(.warning, escalation: 2).fingerprint]).values.first
    )
    #expect(entry.deliveredSeverity == .warning)
    #expect(entry.failedAttempts == 2)
    #expect(entry.lastFailure == "webhook answered 503")
    #expect(try ledger.due([alert(.critical, escalation: 2)]).count == 1)
  }
}

import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// Delivery with deduplication across runs, on a real SQLite file and a real HTTP listener.
struct AlertDispatcherTests {
  private func alert(
    _ severity: AlertSeverity,
    escalation: Int,
    subject: String = "team:payments"
  ) -> Alert {
    Alert(
      kind: "budget_actual",
      severity: severity,
      subject: subject,
      month: 202610,
      value: 0,
      threshold: 0,
      unit: .money(currency: "USD"),
      message: "\(subject) \(severity.rawValue) \(escalation)",
      escalation: escalation
    )
  }

  /// One run as a cron job would do it: open the database file, dispatch, close.
  private func run(
    _ alerts: [Alert],
    database path: String,
    webhook: String,
    resend: Bool = false
  ) throws -> AlertDispatcher.Outcome {
    let database = try SpendDatabase(path: path)
    return try AlertDispatcher(
      ledger: AlertLedger(database: database),
      client: WebhookClient(policy: WebhookClientTests.fast)
    ).dispatch(alerts, to: webhook, month: 202610, asOfDay: 20_746, resend: resend)
  }

  private func sentSubjects(_ request: TestHTTPServer.Request) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: Data(request.body.utf8))
    let alerts = (object as? [String: Any])?["alerts"] as? [[String: Any]] ?? []
    return alerts.compactMap { $0["message"] as? String }
  }

  @Test func anAlertDeliveredOnceIsNotSentAgainByTheNextRun() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("finops.sqlite")
    let server = try TestHTTPServer()
    let alerts = [alert(.warning, escalation: 8), alert(.warning, escalation: 0, subject: "x")]
    #expect(
      try run(alerts, database: path, webhook: server.url)
        == .delivered(count: 2, skipped: 0, attempts: 1)
    )
    #expect(try run(alerts, database: path, webhook: server.url) == .nothingDue(skipped: 2))
    #expect(server.requests.count == 1)
  }

  @Test func aWorseAlertIsSentAgainAndOnlyIt() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("finops.sqlite")
    let server = try TestHTTPServer()
    let other = alert(.warning, escalation: 0, subject: "team:search")
    _ = try run([alert(.warning, escalation: 8), other], database: path, webhook: server.url)
    // Same severity and step: quiet. One step further (90% of budget): sent.
    #expect(
      try run([alert(.warning, escalation: 8), other], database: path, webhook: server.url)
        == .nothingDue(skipped: 2)
    )
    #expect(
      try run([alert(.warning, escalation: 9), other], database: path, webhook: server.url)
        == .delivered(count: 1, skipped: 1, attempts: 1)
    )
    // Warning to critical: sent, even at a lower step.
    #expect(
      try run([alert(.critical, escalation: 1), other], database: path, webhook: server.url)
        == .delivered(count: 1, skipped: 1, attempts: 1)
    )
    // Back to warning (a budget raised): not news.
    #expect(
      try run([alert(.warning, escalation: 9), other], database: path, webhook: server.url)
        == .nothingDue(skipped: 2)
    )
    #expect(server.requests.count == 3)
    #expect(try sentSubjects(server.requests[2]) == ["team:payments critical 1"])
  }

  @Test func resendSendsEverythingAnyway() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("finops.sqlite")
    let server = try TestHTTPServer()
    let alerts = [alert(.warning, escalation: 8)]
    _ = try run(alerts, database: path, webhook: server.url)
    #expect(
      try run(alerts, database: path, webhook: server.url, resend: true)
        == .delivered(count: 1, skipped: 0, attempts: 1)
    )
    #expect(server.requests.count == 2)
  }

  @Test func aFailedDeliveryIsRecordedAndSentByTheNextRun() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("finops.sqlite")
    let alerts = [alert(.critical, escalation: 10)]
    let refused = try TestHTTPServer.refusedURL()
    guard case .failed(1, .connection) = try run(alerts, database: path, webhook: refused) else {
      Issue.record("expected a failed delivery")
      return
    }
    let ledger = AlertLedger(database: try SpendDatabase(path: path))
    let entry = try #require(try ledger.entries(for: [alerts[0].fingerprint]).values.first)
    #expect(entry.deliveredSeverity == nil)
    #expect(entry.failedAttempts == 1)
    #expect(entry.lastFailure?.hasPrefix("cannot reach webhook") == true)
    let server = try TestHTTPServer(responses: [.status(500)])
    #expect(
      try run(alerts, database: path, webhook: server.url)
        == .delivered(count: 1, skipped: 0, attempts: 2)
    )
    let delivered = try #require(try ledger.entries(for: [alerts[0].fingerprint]).values.first)
    #expect(delivered.deliveredSeverity == .critical)
    #expect(delivered.failedAttempts == 0)
  }
}

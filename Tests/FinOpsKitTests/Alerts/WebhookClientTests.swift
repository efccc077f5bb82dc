import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// The webhook client against a real HTTP listener on 127.0.0.1.
struct WebhookClientTests {
  static let fast = WebhookClient.RetryPolicy(
    attempts: 3,
    initialDelay: 0.05,
    maximumDelay: 0.2,
    timeout: 2
  )

  static let alert = Alert(
    kind: "budget_actual",
    severity: .critical,
    subject: "team:payments",
    month: 202610,
    value: 130_000_000_000_000,
    threshold: 120_000_000_000_000,
    unit: .money(currency: "USD"),
    message: "team 'Payments' has spent 130000.00 USD"
  )

  @Test func postsOneJSONBodyWithASummaryTextAndTheStructuredAlerts() throws {
    let server = try TestHTTPServer()
    let body = WebhookPayload.body([Self.alert], month: 202610, asOfDay: 20_746)
    let attempts = try WebhookClient(policy: Self.fast).post(body, to: server.url)
    #expect(attempts == 1)
    let request = try #require(server.requests.first)
    #expect(server.requests.count == 1)
    #expect(request.method == "POST")
    #expect(request.path == "/hook")
    #expect(request.headers["content-type"]?.hasPrefix("application/json") == true)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
    )
    let text = try #require(object["text"] as? String)
    #expect(text.hasPrefix("*finops*: 1 alert for 2026-10 as of "))
    #expect(text.contains("[critical] budget_actual team:payments"))
    let alerts = try #require(object["alerts"] as? [[String: Any]])
    #expect(alerts.count == 1)
    #expect(alerts.first?["fingerprint"] as? String == "budget_actual|team:payments|2026-10")
    #expect(alerts.first?["threshold"] as? Double == 120_000)
  }

  @Test func retriesAServerErrorThenSucceeds() throws {
    let server = try TestHTTPServer(responses: [.status(500), .status(503)])
    let attempts = try WebhookClient(policy: Self.fast).post("{\"text\":\"x\"}", to: server.url)
    #expect(attempts == 3)
    #expect(server.requests.count == 3)
    #expect(server.requests.allSatisfy { $0.body == "{\"text\":\"x\"}" })
  }

  @Test func givesUpAfterTheLastAttemptOnPersistentServerErrors() throws {
    let server = try TestHTTPServer(fallback: .status(502))
    #expect(throws: WebhookError.status(502, attempts: 3)) {
      try WebhookClient(policy: Self.fast).post("{}", to: server.url)
    }
    #expect(server.requests.count == 3)
  }

  @Test func doesNotRetryAClientError() throws {
    let server = try TestHTTPServer(fallback: .status(404))
    #expect(throws: WebhookError.status(404, attempts: 1)) {
      try WebhookClient(policy: Self.fast).post("{}", to: server.url)
    }
    #expect(server.requests.count == 1)
  }

  @Test func aTimeoutIsRetriedAndThenReported() throws {
    // The server hangs far longer than both attempts together, so that a loaded machine cannot
    // blur the difference between "gave up after its own timeouts" and "waited for the server".
    let server = try TestHTTPServer(fallback: .hang(seconds: 30))
    let policy = WebhookClient.RetryPolicy(
      attempts: 2,
      initialDelay: 0.05,
      maximumDelay: 0.1,
      timeout: 3
    )
    let started = Date()
    #expect(throws: WebhookError.timeout(attempts: 2)) {
      try WebhookClient(policy: policy).post("{}", to: server.url)
    }
    // Two attempts of 3 s each, not the server's 30 s.
    #expect(Date().timeIntervalSince(started) < 25)
    #expect(server.requests.count == 2)
  }

  @Test func aTimeoutThenSuccessDelivers() throws {
    let server = try TestHTTPServer(responses: [.hang(seconds: 6)])
    let policy = WebhookClient.RetryPolicy(
      attempts: 2,
      initialDelay: 0.05,
      maximumDelay: 0.1,
      timeout: 2
    )
    #expect(try WebhookClient(policy: policy).post("{}", to: server.url) == 2)
  }

  @Test func aRefusedConnectionIsRetriedAndReported() throws {
    let url = try TestHTTPServer.refusedURL()
    var failure: WebhookError?
    do {
      try WebhookClient(policy: Self.fast).post("{}", to: url)
    } catch {
      failure = error
    }
    guard case .connection(_, let attempts) = failure else {
      Issue.record("expected a connection error, got \(String(describing: failure))")
      return
    }
    #expect(attempts == 3)
  }

  @Test func rejectsAURLThatIsNotHTTP() {
    #expect(throws: WebhookError.invalidURL("ftp://example.invalid/x")) {
      try WebhookClient(policy: Self.fast).post("{}", to: "ftp://example.invalid/x")
    }
  }

  @Test func backoffDoublesUpToTheMaximum() {
    let policy = WebhookClient.RetryPolicy(
      attempts: 6,
      initialDelay: 1,
      maximumDelay: 5,
      timeout: 1
    )
    #expect((1...5).map { policy.delay(after: $0) } == [1, 2, 4, 5, 5])
  }
}

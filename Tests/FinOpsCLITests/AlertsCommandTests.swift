import FinOpsTestSupport
import Foundation
import Testing

/// `finops alerts` end to end on the built binary: exit codes for `--fail-on`, JSON, and
/// webhook delivery with deduplication across runs against a loopback listener.
struct AlertsCommandTests {
  /// A FOCUS file with one 900.00 one-time charge for `payments` on 2026-10-05 (one-time, so
  /// nothing is projected and no anomaly series exists).
  static let export = """
    BilledCost,EffectiveCost,ListCost,ContractedCost,BillingAccountId,BillingAccountName,\
    BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargeClass,\
    ChargeDescription,ChargeFrequency,ChargePeriodStart,ChargePeriodEnd,InvoiceIssuerName,\
    PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName,\
    SubAccountId,Tags
    900.00,900.00,900.00,900.00,acct-1,Example,USD,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,\
    Purchase,,Support plan,One-Time,2026-10-05T00:00:00Z,2026-10-05T01:00:00Z,AWS,1,Units,AWS,\
    AWS,Support,AWS Support,sub-1,"{""team"":""payments""}"

    """

  static func configuration(budget: Int) -> String {
    """
    innovation: {target: 0}
    teams:
      - {id: payments, name: Payments, monthly_budget: \(budget)}
    rules:
      - name: team tag
        when: {tags: {team: "*"}}
        team: "{tags.team}"
    """
  }

  private func prepare(budget: Int = 1000) throws -> TemporaryDirectory {
    let folder = TemporaryDirectory()
    folder.write("oct.csv", Self.export)
    folder.write("finops.yaml", Self.configuration(budget: budget))
    let ingest = try CommandRunner.run(["ingest", "oct.csv"], in: folder.url)
    #expect(ingest.status == 0, "\(ingest.stderr)")
    return folder
  }

  private func alerts(_ extra: [String], in folder: TemporaryDirectory) throws
    -> CommandRunner.Output
  {
    try CommandRunner.run(
      ["alerts", "--month", "2026-10", "--as-of", "2026-10-06"] + extra,
      in: folder.url
    )
  }

  @Test func failOnSetsExit1OnlyWhenAnAlertIsSevereEnough() throws {
    // 900 of 1000 is 90%: one warning, nothing critical.
    let folder = try prepare()
    let plain = try alerts([], in: folder)
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.hasPrefix("1 alert for 2026-10 as of 2026-10-06 (0 critical, 1 warning)"))
    #expect(try alerts(["--fail-on", "critical"], in: folder).status == 0)
    #expect(try alerts(["--fail-on", "warning"], in: folder).status == 1)
    // 900 of 800 is over budget: critical.
    folder.write("finops.yaml", Self.configuration(budget: 800))
    #expect(try alerts(["--fail-on", "critical"], in: folder).status == 1)
    // 900 of 2000 raises nothing at all.
    folder.write("finops.yaml", Self.configuration(budget: 2000))
    let quiet = try alerts(["--fail-on", "warning"], in: folder)
    #expect(quiet.status == 0)
    #expect(quiet.stdout == "no alerts for 2026-10 as of 2026-10-06\n")
  }

  @Test func printsTheDesignedJSON() throws {
    let folder = try prepare()
    let result = try alerts(["--format", "json"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
    )
    #expect(array.count == 1)
    let alert = try #require(array.first)
    #expect(alert["kind"] as? String == "budget_actual")
    #expect(alert["severity"] as? String == "warning")
    #expect(alert["subject"] as? String == "team:payments")
    #expect(alert["month"] as? String == "2026-10")
    #expect(alert["value"] as? Double == 900)
    #expect(alert["threshold"] as? Double == 800)
    #expect(
      alert["message"] as? String
        == "team 'Payments' has spent 900.00 USD in 2026-10, 90.0% of its 1000.00 USD budget "
        + "(warning at 80.0%)"
    )
  }

  @Test func usageErrorsAreNot1() throws {
    let folder = try prepare()
    #expect(try alerts(["--fail-on", "severe"], in: folder).status == 64)
    let early = try CommandRunner.run(
      ["alerts", "--month", "2026-10", "--as-of", "2026-09-30"],
      in: folder.url
    )
    #expect(early.status == 64)
    #expect(early.stderr.contains("--as-of 2026-09-30 is before 2026-10"))
    #expect(try alerts(["--as-of", "yesterday"], in: folder).status == 64)
    let notAURL = try alerts(["--webhook", "hooks.example/x"], in: folder)
    #expect(notAURL.status == 64)
    #expect(notAURL.stderr.contains("--webhook must be an http:// or https:// URL"))
    folder.write("finops.yaml", "alerts:\n  stale_days: soon\n")
    let bad = try alerts([], in: folder)
    #expect(bad.status == 65)
    #expect(bad.stderr.hasPrefix("finops.yaml:2: error: 'stale_days' must be a number"))
  }

  @Test func deliversOnceAcrossRunsAndRetriesAFailedDeliveryNextRun() throws {
    let folder = try prepare()
    let fast = ["--webhook-retry-delay", "0.05", "--webhook-attempts", "2"]
    // First run: the webhook is down. Exit 75, the alert stays due.
    let refused = try TestHTTPServer.refusedURL()
    let down = try alerts(["--webhook", refused] + fast, in: folder)
    #expect(down.status == 75)
    #expect(down.stderr.contains("error: cannot reach webhook"))
    #expect(down.stderr.contains("note: 1 alert stays undelivered"))
    // Second run: a 500 then success; delivered after 2 attempts.
    let server = try TestHTTPServer(responses: [.status(500)])
    let sent = try alerts(["--webhook", server.url] + fast, in: folder)
    #expect(sent.status == 0, "\(sent.stderr)")
    #expect(sent.stderr.contains("webhook 127.0.0.1: delivered 1 alert (after 2 attempts)"))
    // Third run: nothing new; --fail-on still reports the alert through the exit code.
    let again = try alerts(["--webhook", server.url, "--fail-on", "warning"] + fast, in: folder)
    #expect(again.status == 1)
    #expect(again.stderr.contains("nothing new to send (1 already delivered)"))
    #expect(server.requests.count == 2)
    // Worse (over budget now): sent again. --resend sends regardless.
    folder.write("finops.yaml", Self.configuration(budget: 850))
    _ = try alerts(["--webhook", server.url] + fast, in: folder)
    _ = try alerts(["--webhook", server.url, "--resend"] + fast, in: folder)
    #expect(server.requests.count == 4)
    let body = try #require(server.requests.last?.body)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
    )
    #expect((object["text"] as? String)?.contains("[critical] budget_actual team:payments") == true)
  }
}

/// `finops demo` ends with the month's alerts; `--no-webhook` ignores a configured webhook.
struct AlertsDemoTests {
  @Test func theDemoPrintsTheMonthsAlertsAndAlertsRunsOnItsDatabase() throws {
    let folder = TemporaryDirectory()
    let demo = try CommandRunner.run(["demo", "--out", "demo"], in: folder.url)
    #expect(demo.status == 0, "\(demo.stderr)")
    #expect(demo.stdout.contains("alerts for 2026-10 as of 2026-10-31"))
    #expect(demo.stdout.contains("budget_actual"))
    let paths = ["--db", "demo/finops.sqlite", "--config", "demo/finops.yaml"]
    let json = try CommandRunner.run(
      ["alerts", "--month", "2026-10", "--format", "json"] + paths,
      in: folder.url
    )
    #expect(json.status == 0, "\(json.stderr)")
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    )
    let kinds = Set(array.compactMap { $0["kind"] as? String })
    #expect(
      kinds.isSubset(of: [
        "budget_actual", "budget_forecast", "pilot_lifetime",
        "innovation_share", "unallocated", "anomaly", "stale_data",
      ])
    )
    #expect(!array.isEmpty)
  }

  @Test func noWebhookSkipsTheConfiguredOne() throws {
    let folder = TemporaryDirectory()
    folder.write("oct.csv", AlertsCommandTests.export)
    let server = try TestHTTPServer()
    folder.write(
      "finops.yaml",
      AlertsCommandTests.configuration(budget: 1000) + "\nalerts:\n  webhook: \(server.url)\n"
    )
    #expect(try CommandRunner.run(["ingest", "oct.csv"], in: folder.url).status == 0)
    let arguments = ["alerts", "--month", "2026-10", "--as-of", "2026-10-06"]
    let skipped = try CommandRunner.run(arguments + ["--no-webhook"], in: folder.url)
    #expect(skipped.status == 0)
    #expect(server.requests.isEmpty)
    let sent = try CommandRunner.run(arguments, in: folder.url)
    #expect(sent.status == 0, "\(sent.stderr)")
    #expect(server.requests.count == 1)
  }
}

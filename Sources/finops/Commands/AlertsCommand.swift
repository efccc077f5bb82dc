import ArgumentParser
import FinOpsKit
import Foundation

struct AlertsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts",
    abstract: "Check budgets, forecasts, innovation share, coverage, anomalies and stale data.",
    discussion: """
      Exit status: 0 when no alert reaches --fail-on (or without --fail-on), 1 when one does, \
      75 when the webhook could not be reached (the alerts stay due for the next run), \
      64/65/70 for usage, input and internal errors.
      """
  )

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @OptionGroup var global: GlobalOptions
  @OptionGroup var month: MonthOption

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "The date to judge the month as of (default: today, or the month's last day).",
      valueName: "YYYY-MM-DD"
    )
  )
  var asOf: String?

  @Option(help: "Output format.")
  var format = OutputFormat.text

  @Option(
    help: ArgumentHelp(
      "Post due alerts to this webhook (default: alerts.webhook).",
      valueName: "url"
    )
  )
  var webhook: String?

  @Flag(help: "Do not post to the configured webhook.")
  var noWebhook = false

  @Option(
    name: .customLong("fail-on"),
    help: ArgumentHelp("Exit with 1 when an alert is at least this severe.", valueName: "severity")
  )
  var failOn: AlertSeverity?

  @Flag(help: "Post every alert, even those already delivered.")
  var resend = false

  @OptionGroup var delivery: WebhookOptions

  func validate() throws {
    guard (1...20).contains(delivery.webhookAttempts) else {
      throw ValidationError("--webhook-attempts must be from 1 to 20")
    }
    guard delivery.webhookRetryDelay >= 0, delivery.webhookTimeout > 0 else {
      throw ValidationError("--webhook-retry-delay must be 0 or more and --webhook-timeout above 0")
    }
    if let webhook {
      guard let url = URL(string: webhook), ["http", "https"].contains(url.scheme ?? ""),
        url.host != nil
      else {
        throw ValidationError("--webhook must be an http:// or https:// URL, not '\(webhook)'")
      }
    }
  }

  func run() throws {
    let monthKey = try month.value()
    let asOfDay = try asOfDay(month: monthKey)
    let alerts: [Alert]
    let configuration: FinOpsConfiguration
    let database: SpendDatabase
    do {
      configuration = try LoadedConfiguration.load(global.config)
      database = try SpendDatabase(path: global.databasePath)
      let context = try AlertContextLoader(configuration: configuration)
        .load(month: monthKey, asOfDay: asOfDay, database: database)
      alerts = AlertRuleRegistry.evaluate(context)
    } catch {
      throw Diagnostics.fail(error)
    }
    switch format {
    case .text: print(AlertsListing.text(alerts, month: monthKey, asOfDay: asOfDay))
    case .json: print(AlertsListing.json(alerts))
    }
    if let url = noWebhook ? nil : (webhook ?? configuration.alerts.webhook) {
      try deliver(alerts, to: url, database: database, month: monthKey, asOfDay: asOfDay)
    }
    if let failOn, alerts.contains(where: { $0.severity >= failOn }) {
      throw ExitCode(1)
    }
  }

  private func deliver(
    _ alerts: [Alert],
    to url: String,
    database: SpendDatabase,
    month: Int,
    asOfDay: Int
  ) throws {
    let dispatcher = AlertDispatcher(
      ledger: AlertLedger(database: database),
      client: WebhookClient(policy: delivery.policy)
    )
    let host = URL(string: url)?.host ?? "webhook"
    let outcome: AlertDispatcher.Outcome
    do {
      outcome = try dispatcher.dispatch(
        alerts,
        to: url,
        month: month,
        asOfDay: asOfDay,
        resend: resend
      )
    } catch {
      throw Diagnostics.fail(error)
    }
    switch outcome {
    case .nothingDue(let skipped):
      Diagnostics.write("webhook \(host): nothing new to send (\(skipped) already delivered)")
    case .delivered(let count, let skipped, let attempts):
      var line = "webhook \(host): delivered \(count) alert\(count == 1 ? "" : "s")"
      if skipped > 0 { line += ", \(skipped) already delivered" }
      if attempts > 1 { line += " (after \(attempts) attempts)" }
      Diagnostics.write(line)
    case .failed(let count, let error):
      Diagnostics.write(
        "error: \(error.description)\nnote: \(count == 1 ? "1 alert stays" : "\(count) alerts stay") "
          + "undelivered and will be sent by the next run"
      )
      throw ExitCode(75)
    }
  }

  private func asOfDay(month: Int) throws -> Int {
    let firstDay = AlertMonth.firstDay(month)
    guard let asOf else {
      let today = Int(Date().timeIntervalSince1970 / 86_400)
      return min(today, AlertMonth.lastDay(month))
    }
    guard asOf.count == 10, let seconds = try? Timestamp.parse(asOf) else {
      throw ValidationError("--as-of must be a date like 2026-10-20, not '\(asOf)'")
    }
    let day = Int(seconds / 86_400)
    guard day >= firstDay else {
      throw ValidationError(
        "--as-of \(asOf) is before \(AlertMonth.text(month)); give a date in or after the month"
      )
    }
    return day
  }
}

extension AlertSeverity: ExpressibleByArgument {}

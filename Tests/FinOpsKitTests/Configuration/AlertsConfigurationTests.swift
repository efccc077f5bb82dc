import Testing

@testable import FinOpsKit

/// The `alerts:` block: every key, its defaults, and a located error for each bad value.
struct AlertsConfigurationTests {
  @Test func readsEveryAlertsKey() throws {
    let yaml = """
      alerts:
        thresholds: {warning: 0.75, critical: 0.95, forecast_critical: 1.5}
        unallocated_max: 0.05
        resend_step: 0.2
        stale_days: 3
        webhook: http://127.0.0.1:9/hook
        innovation: {tolerance: 0.01, cap: 0.3}
        anomaly: {weeks: 6, min_weeks: 4, sensitivity: 3.5, min_amount: 250, min_band: 0.1}
      """
    let (configuration, warnings) = try ConfigurationLoader.parse(yaml: yaml, path: "f.yaml")
    #expect(warnings.isEmpty)
    let alerts = configuration.alerts
    #expect(alerts.warning == 750_000_000)
    #expect(alerts.critical == 950_000_000)
    #expect(alerts.forecastCritical == 1_500_000_000)
    #expect(alerts.unallocatedMax == 50_000_000)
    #expect(alerts.resendStep == 200_000_000)
    #expect(alerts.staleDays == 3)
    #expect(alerts.webhook == "http://127.0.0.1:9/hook")
    #expect(alerts.innovationTolerance == 10_000_000)
    #expect(alerts.innovationCap == 300_000_000)
    #expect(alerts.anomaly.weeks == 6)
    #expect(alerts.anomaly.minimumWeeks == 4)
    #expect(alerts.anomaly.sensitivity == 3_500_000_000)
    #expect(alerts.anomaly.minimumAmount == 250_000_000_000)
    #expect(alerts.anomaly.minimumBandShare == 100_000_000)
  }

  @Test func defaultsWhenTheBlockIsAbsent() throws {
    let (configuration, _) = try ConfigurationLoader.parse(yaml: "currency: USD\n", path: "f.yaml")
    #expect(configuration.alerts == FinOpsConfiguration.Alerts())
    #expect(configuration.alerts.staleDays == 2)
    #expect(configuration.alerts.innovationCap == nil)
    #expect(configuration.alerts.anomaly.weeks == 4)
  }

  @Test(arguments: [
    (
      "alerts:\n  thresholds: {warning: 1.1, critical: 1.0}\n",
      "f.yaml:2: error: thresholds: 'warning' must not be above 'critical'"
    ),
    (
      "alerts:\n  thresholds:\n    warning: 0\n",
      "f.yaml:3: error: 'warning' must be greater than zero"
    ),
    (
      "alerts:\n  unallocated_max: 1.5\n",
      "f.yaml:2: error: 'unallocated_max' must be a share between 0 and 1 (0.10 is 10%)"
    ),
    (
      "alerts:\n  stale_days: 1.5\n",
      "f.yaml:2: error: 'stale_days' must be a whole number from 0 to 366"
    ),
    (
      "alerts:\n  webhook: ftp://example.invalid/x\n",
      "f.yaml:2: error: 'webhook' must be an http:// or https:// URL, not 'ftp://example.invalid/x'"
    ),
    (
      "alerts:\n  anomaly:\n    weeks: 3\n    min_weeks: 4\n",
      "f.yaml:4: error: 'min_weeks' (4) must not exceed 'weeks' (3)"
    ),
    (
      "alerts:\n  anomaly: {min_amount: -5}\n",
      "f.yaml:2: error: 'min_amount' must not be negative"
    ),
    (
      "alerts:\n  innovation:\n    cap: lots\n",
      "f.yaml:3: error: 'cap' must be a number, not 'lots'"
    ),
    ("alerts: [1, 2]\n", "f.yaml:1: error: 'alerts' must be a mapping of keys to values"),
  ])
  func refusesABadValueAtItsLine(yaml: String, message: String) {
    #expect(throws: ConfigurationError.self) {
      try ConfigurationLoader.parse(yaml: yaml, path: "f.yaml")
    }
    do {
      _ = try ConfigurationLoader.parse(yaml: yaml, path: "f.yaml")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func unknownKeysInTheNewBlocksAreWarnings() throws {
    let yaml =
      "alerts:\n  anomaly:\n    weeks: 4\n    sensitivty: 3\n  innovation: {tolerence: 0.1}\n"
    let (_, warnings) = try ConfigurationLoader.parse(yaml: yaml, path: "f.yaml")
    #expect(
      warnings.map(\.description).sorted() == [
        "f.yaml:4: warning: unknown key 'sensitivty' in 'alerts.anomaly' (did you mean "
          + "'sensitivity'?)",
        "f.yaml:5: warning: unknown key 'tolerence' in 'alerts.innovation' (did you mean "
          + "'tolerance'?)",
      ]
    )
  }
}

import Foundation

/// Reads the `alerts:` block of `finops.yaml`, checking every value where it is written.
struct AlertsConfigurationParser {
  private(set) var warnings: [ConfigurationWarning] = []

  /// Parses the block into alert settings.
  mutating func parse(_ alerts: inout YAMLNodeReader) throws(ConfigurationError)
    -> FinOpsConfiguration.Alerts
  {
    var settings = FinOpsConfiguration.Alerts()
    if var thresholds = alerts.child("thresholds") {
      _ = try thresholds.entries("'alerts.thresholds'")
      if let value = try positive(&thresholds, "warning") { settings.warning = value }
      if let value = try positive(&thresholds, "critical") { settings.critical = value }
      if let value = try positive(&thresholds, "forecast_critical") {
        settings.forecastCritical = value
      }
      if settings.warning > settings.critical {
        throw thresholds.error("thresholds: 'warning' must not be above 'critical'")
      }
      warnings += thresholds.unknownKeys(
        known: ["warning", "critical", "forecast_critical"],
        in: "'thresholds'"
      )
    }
    if let value = try share(&alerts, "unallocated_max") { settings.unallocatedMax = value }
    if let value = try positive(&alerts, "resend_step") { settings.resendStep = value }
    if let days = try integer(&alerts, "stale_days", in: 0...366) { settings.staleDays = days }
    if let webhook = try alerts.string("webhook") {
      guard webhook.hasPrefix("http://") || webhook.hasPrefix("https://"),
        URL(string: webhook)?.host != nil
      else {
        throw alerts.error(
          "'webhook' must be an http:// or https:// URL, not '\(webhook)'",
          at: alerts.node.mapping?["webhook"]
        )
      }
      settings.webhook = webhook
    }
    if var innovation = alerts.child("innovation") {
      _ = try innovation.entries("'alerts.innovation'")
      if let value = try share(&innovation, "tolerance") { settings.innovationTolerance = value }
      settings.innovationCap = try share(&innovation, "cap")
      warnings += innovation.unknownKeys(known: ["tolerance", "cap"], in: "'alerts.innovation'")
    }
    if var anomaly = alerts.child("anomaly") {
      _ = try anomaly.entries("'alerts.anomaly'")
      settings.anomaly = try parseAnomaly(&anomaly)
    }
    warnings += alerts.unknownKeys(
      known: [
        "thresholds", "unallocated_max", "webhook", "innovation", "anomaly", "stale_days",
        "resend_step",
      ],
      in: "'alerts'"
    )
    return settings
  }

  private mutating func parseAnomaly(_ reader: inout YAMLNodeReader) throws(ConfigurationError)
    -> FinOpsConfiguration.AnomalySettings
  {
    var settings = FinOpsConfiguration.AnomalySettings()
    if let weeks = try integer(&reader, "weeks", in: 2...26) { settings.weeks = weeks }
    if let weeks = try integer(&reader, "min_weeks", in: 1...26) { settings.minimumWeeks = weeks }
    if settings.minimumWeeks > settings.weeks {
      throw reader.error(
        "'min_weeks' (\(settings.minimumWeeks)) must not exceed 'weeks' (\(settings.weeks))",
        at: reader.node.mapping?["min_weeks"]
      )
    }
    if let value = try positive(&reader, "sensitivity") { settings.sensitivity = value }
    if let value = try nonNegative(&reader, "min_amount") { settings.minimumAmount = value }
    if let value = try nonNegative(&reader, "min_band") { settings.minimumBandShare = value }
    warnings += reader.unknownKeys(
      known: ["weeks", "min_weeks", "sensitivity", "min_amount", "min_band"],
      in: "'alerts.anomaly'"
    )
    return settings
  }

  private func positive(_ reader: inout YAMLNodeReader, _ key: String)
    throws(ConfigurationError) -> Int64?
  {
    guard let value = try reader.decimal(key) else { return nil }
    guard value > 0 else {
      throw reader.error("'\(key)' must be greater than zero", at: reader.node.mapping?[key])
    }
    return value
  }

  private func nonNegative(_ reader: inout YAMLNodeReader, _ key: String)
    throws(ConfigurationError) -> Int64?
  {
    guard let value = try reader.decimal(key) else { return nil }
    guard value >= 0 else {
      throw reader.error("'\(key)' must not be negative", at: reader.node.mapping?[key])
    }
    return value
  }

  /// A share between 0 and 1 (nano-units).
  private func share(_ reader: inout YAMLNodeReader, _ key: String)
    throws(ConfigurationError) -> Int64?
  {
    guard let value = try reader.decimal(key) else { return nil }
    guard (0...1_000_000_000).contains(value) else {
      throw reader.error(
        "'\(key)' must be a share between 0 and 1 (0.10 is 10%)",
        at: reader.node.mapping?[key]
      )
    }
    return value
  }

  private func integer(_ reader: inout YAMLNodeReader, _ key: String, in range: ClosedRange<Int>)
    throws(ConfigurationError) -> Int?
  {
    guard let value = try reader.decimal(key) else { return nil }
    guard value % 1_000_000_000 == 0, range.contains(Int(value / 1_000_000_000)) else {
      throw reader.error(
        "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)",
        at: reader.node.mapping?[key]
      )
    }
    return Int(value / 1_000_000_000)
  }
}

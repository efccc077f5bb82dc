/// Renders alerts for people (a table) and for scripts (a JSON array).
public enum AlertsListing {
  /// A value as people read it: `1234.56 USD`, `81.3%`, `5 days`.
  /// - Parameters:
  ///   - value: Nano-units of `unit`.
  ///   - unit: The unit.
  /// - Returns: The text.
  public static func human(_ value: Int128, _ unit: Alert.Unit) -> String {
    switch unit {
    case .money(let currency): return "\(Money.format(value)) \(currency)"
    case .share: return AlertMonth.percent(value)
    case .days:
      let days = value / 1_000_000_000
      return days == 1 ? "1 day" : "\(days) days"
    }
  }

  /// A value as a JSON number: money to the cent, shares to four decimals, whole days.
  /// - Parameters:
  ///   - value: Nano-units of `unit`.
  ///   - unit: The unit.
  /// - Returns: JSON number text.
  public static func number(_ value: Int128, _ unit: Alert.Unit) -> String {
    switch unit {
    case .money: return Money.format(value)
    case .share:
      let rounded = ScaledDecimal.round(value, scale: 9, places: 4)
      return ScaledDecimal.format(rounded, scale: 9, minimumFractionDigits: 1)
    case .days: return String(value / 1_000_000_000)
    }
  }

  /// A table, most urgent first, or a one-line note when there are none.
  /// - Parameters:
  ///   - alerts: The alerts.
  ///   - month: The month, `YYYYMM`.
  ///   - asOfDay: The as-of date in days since 1970-01-01.
  /// - Returns: The text.
  public static func text(_ alerts: [Alert], month: Int, asOfDay: Int) -> String {
    let period = "for \(AlertMonth.text(month)) as of \(AlertMonth.date(asOfDay))"
    guard !alerts.isEmpty else { return "no alerts \(period)" }
    var rows = [["SEVERITY", "KIND", "SUBJECT", "VALUE", "THRESHOLD"]]
    for alert in alerts {
      rows.append([
        alert.severity.rawValue, alert.kind, alert.subject, human(alert.value, alert.unit),
        human(alert.threshold, alert.unit),
      ])
    }
    let critical = alerts.filter { $0.severity == .critical }.count
    var lines = [
      "\(alerts.count == 1 ? "1 alert" : "\(alerts.count) alerts") \(period) "
        + "(\(critical) critical, \(alerts.count - critical) warning)",
      "",
      TextTable.render(rows, rightAligned: [3, 4]),
      "",
    ]
    for (index, alert) in alerts.enumerated() {
      lines.append("\(index + 1). [\(alert.severity.rawValue)] \(alert.message)")
    }
    return lines.joined(separator: "\n")
  }

  /// One alert as a JSON object.
  /// - Parameter alert: The alert.
  /// - Returns: The object's JSON text.
  public static func jsonObject(_ alert: Alert) -> String {
    "{\"kind\":\(JSONText.quoted(alert.kind)),\"severity\":\"\(alert.severity.rawValue)\","
      + "\"subject\":\(JSONText.quoted(alert.subject)),"
      + "\"month\":\"\(AlertMonth.text(alert.month))\","
      + "\"value\":\(number(alert.value, alert.unit)),"
      + "\"threshold\":\(number(alert.threshold, alert.unit)),"
      + "\"unit\":\(JSONText.quoted(alert.unit.name)),"
      + "\"message\":\(JSONText.quoted(alert.message)),"
      + "\"fingerprint\":\(JSONText.quoted(alert.fingerprint))}"
  }

  /// A JSON array of alerts, one object per line.
  /// - Parameter alerts: The alerts.
  /// - Returns: The JSON text.
  public static func json(_ alerts: [Alert]) -> String {
    alerts.isEmpty ? "[]" : "[\n" + alerts.map(jsonObject).joined(separator: ",\n") + "\n]"
  }
}

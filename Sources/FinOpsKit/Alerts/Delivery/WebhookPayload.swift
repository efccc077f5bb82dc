/// The JSON body posted to a webhook.
///
/// Slack and Microsoft Teams incoming webhooks show the `text` field (a summary with one line
/// per alert, in their common Markdown subset) and ignore the rest; scripts read `alerts`
/// (the same objects as `finops alerts --format json`), `month` and `source`.
public enum WebhookPayload {
  /// Builds the body.
  /// - Parameters:
  ///   - alerts: The alerts to deliver (at least one).
  ///   - month: The month, `YYYYMM`.
  ///   - asOfDay: The as-of date in days since 1970-01-01.
  /// - Returns: The JSON text.
  public static func body(_ alerts: [Alert], month: Int, asOfDay: Int) -> String {
    let critical = alerts.filter { $0.severity == .critical }.count
    var lines = [
      "*finops*: \(alerts.count) alert\(alerts.count == 1 ? "" : "s") for "
        + "\(AlertMonth.text(month)) as of \(AlertMonth.date(asOfDay)) "
        + "(\(critical) critical, \(alerts.count - critical) warning)"
    ]
    for alert in alerts {
      lines.append(
        "- [\(alert.severity.rawValue)] \(alert.kind) \(alert.subject): \(alert.message)"
      )
    }
    return "{\"text\":\(JSONText.quoted(lines.joined(separator: "\n"))),"
      + "\"source\":\"finops\",\"month\":\"\(AlertMonth.text(month))\","
      + "\"as_of\":\"\(AlertMonth.date(asOfDay))\","
      + "\"alerts\":[" + alerts.map(AlertsListing.jsonObject).joined(separator: ",") + "]}"
  }
}

/// Sends the alerts that are due to a webhook and records the outcome in the ledger.
public struct AlertDispatcher: Sendable {
  /// What a dispatch did.
  public enum Outcome: Sendable, Equatable {
    /// Nothing was due (everything already delivered and no worse).
    case nothingDue(skipped: Int)
    /// The alerts were delivered.
    case delivered(count: Int, skipped: Int, attempts: Int)
    /// Delivery failed; the alerts stay due for the next run.
    case failed(count: Int, error: WebhookError)
  }

  /// The delivery ledger.
  public let ledger: AlertLedger
  /// The HTTP client.
  public let client: WebhookClient

  /// Creates a dispatcher.
  /// - Parameters:
  ///   - ledger: The delivery ledger.
  ///   - client: The HTTP client.
  public init(ledger: AlertLedger, client: WebhookClient) {
    self.ledger = ledger
    self.client = client
  }

  /// Sends what is due in one POST.
  /// - Parameters:
  ///   - alerts: Every alert of this run.
  ///   - webhook: The URL.
  ///   - month: The month, `YYYYMM`.
  ///   - asOfDay: The as-of date in days since 1970-01-01.
  ///   - resend: Send every alert, delivered or not.
  /// - Returns: What happened.
  /// - Throws: `StoreError` when the ledger cannot be read or written.
  public func dispatch(
    _ alerts: [Alert],
    to webhook: String,
    month: Int,
    asOfDay: Int,
    resend: Bool = false
  ) throws(StoreError) -> Outcome {
    let due = try ledger.due(alerts, resend: resend)
    guard !due.isEmpty else { return .nothingDue(skipped: alerts.count) }
    let body = WebhookPayload.body(due, month: month, asOfDay: asOfDay)
    let attempts: Int
    do throws(WebhookError) {
      attempts = try client.post(body, to: webhook)
    } catch {
      try ledger.recordFailure(due, reason: error.description)
      return .failed(count: due.count, error: error)
    }
    try ledger.recordDelivered(due)
    return .delivered(count: due.count, skipped: alerts.count - due.count, attempts: attempts)
  }
}

/// One finding of an alert rule for a month: what, about whom, how bad, and why.
///
/// Values are exact: money in nano-units of the reporting currency, shares in nano-units
/// (1.0 is 1,000,000,000), days as whole numbers scaled the same way.
public struct Alert: Sendable, Equatable {
  /// What `value` and `threshold` measure.
  public enum Unit: Sendable, Equatable {
    /// Money in the reporting currency.
    case money(currency: String)
    /// A share (0.1 is 10%).
    case share
    /// A number of days.
    case days

    /// `USD`, `share` or `days`, as written in JSON.
    public var name: String {
      switch self {
      case .money(let currency): return currency
      case .share: return "share"
      case .days: return "days"
      }
    }
  }

  /// The rule's kind (`budget_actual`, `anomaly`, ...).
  public var kind: String
  /// How urgent.
  public var severity: AlertSeverity
  /// Whom it is about: `team:payments`, `pilot:support-copilot`, `service:Amazon EC2`,
  /// `provider:AWS`, `total`, ...
  public var subject: String
  /// The month (`YYYYMM`).
  public var month: Int
  /// The measured value, in nano-units of `unit`.
  public var value: Int128
  /// The threshold it was compared with, in nano-units of `unit`.
  public var threshold: Int128
  /// The unit of `value` and `threshold`.
  public var unit: Unit
  /// A sentence for people.
  public var message: String
  /// How far past the threshold, in resend steps: a delivered alert is sent again when this
  /// grows (see `AlertLedger`).
  public var escalation: Int

  /// Creates an alert.
  /// - Parameters:
  ///   - kind: The rule's kind.
  ///   - severity: How urgent.
  ///   - subject: Whom it is about.
  ///   - month: The month, `YYYYMM`.
  ///   - value: The measured value.
  ///   - threshold: The threshold.
  ///   - unit: The unit of both.
  ///   - message: A sentence for people.
  ///   - escalation: Resend steps past the threshold.
  public init(
    kind: String,
    severity: AlertSeverity,
    subject: String,
    month: Int,
    value: Int128,
    threshold: Int128,
    unit: Unit,
    message: String,
    escalation: Int = 0
  ) {
    self.kind = kind
    self.severity = severity
    self.subject = subject
    self.month = month
    self.value = value
    self.threshold = threshold
    self.unit = unit
    self.message = message
    self.escalation = escalation
  }

  /// The identity of an alert across runs: kind, subject and month (`budget_actual|team:payments|2026-10`).
  public var fingerprint: String { "\(kind)|\(subject)|\(AlertMonth.text(month))" }
}

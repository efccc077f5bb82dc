/// `unallocated`: the share of spend no rule claims is above `alerts.unallocated_max`
/// (critical at twice the maximum).
public struct UnallocatedRule: AlertRule {
  /// `unallocated`.
  public static let kind = "unallocated"
  /// One line for documentation.
  public static let summary = "the unallocated share of spend is above its maximum"

  /// Creates the rule.
  public init() {}

  /// Evaluates the rule.
  /// - Parameter context: The month's figures.
  /// - Returns: At most one alert (subject `unallocated`).
  public func evaluate(_ context: AlertContext) -> [Alert] {
    guard context.total > 0, context.unallocated > 0 else { return [] }
    let settings = context.configuration.alerts
    let maximum = Int128(settings.unallocatedMax)
    let share = AlertMonth.share(context.unallocated, of: context.total)
    guard share > maximum else { return [] }
    let step = max(maximum * Int128(settings.resendStep) / 1_000_000_000, 10_000_000)
    let currency = context.configuration.currency
    return [
      Alert(
        kind: Self.kind,
        severity: maximum > 0 && share < maximum * 2 ? .warning : .critical,
        subject: "unallocated",
        month: context.month,
        value: share,
        threshold: maximum,
        unit: .share,
        message: "\(AlertMonth.percent(share)) of spend in \(AlertMonth.text(context.month)) "
          + "is unallocated (\(Money.format(context.unallocated)) \(currency) of "
          + "\(Money.format(context.total)) \(currency)), above the "
          + "\(AlertMonth.percent(maximum)) maximum; see 'finops allocate' for the largest items",
        escalation: Int((share - maximum) / step)
      )
    ]
  }
}

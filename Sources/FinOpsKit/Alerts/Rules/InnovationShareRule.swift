/// `innovation_share`: the innovation share of total spend is below `innovation.target` by more
/// than `alerts.innovation.tolerance`, or above `alerts.innovation.cap`.
public struct InnovationShareRule: AlertRule {
  /// `innovation_share`.
  public static let kind = "innovation_share"
  /// One line for documentation.
  public static let summary =
    "innovation share below its target by more than the tolerance, or above the cap"

  /// Creates the rule.
  public init() {}

  /// Evaluates the rule.
  /// - Parameter context: The month's figures.
  /// - Returns: At most one alert (subject `innovation`).
  public func evaluate(_ context: AlertContext) -> [Alert] {
    guard context.total > 0 else { return [] }
    let configuration = context.configuration
    let settings = configuration.alerts
    let share = AlertMonth.share(context.innovationSpend, of: context.total)
    let target = Int128(configuration.innovationTarget)
    let floor = target - Int128(settings.innovationTolerance)
    // One resend step is `resend_step` of the target (0.1 x 10% = one percentage point).
    let step = max(target * Int128(settings.resendStep) / 1_000_000_000, 1_000_000)
    let money =
      "\(Money.format(context.innovationSpend)) \(configuration.currency) of "
      + "\(Money.format(context.total)) \(configuration.currency)"
    if floor > 0, share < floor {
      let gap = target * context.total / 1_000_000_000 - context.innovationSpend
      return [
        Alert(
          kind: Self.kind,
          severity: .warning,
          subject: "innovation",
          month: context.month,
          value: share,
          threshold: floor,
          unit: .share,
          message: "innovation is \(AlertMonth.percent(share)) of spend in "
            + "\(AlertMonth.text(context.month)) (\(money)), below the "
            + "\(AlertMonth.percent(target)) target by more than "
            + "\(AlertMonth.percent(Int128(settings.innovationTolerance))); "
            + "\(Money.format(gap)) \(configuration.currency) short of the target",
          escalation: Int((floor - share) / step)
        )
      ]
    }
    if let cap = settings.innovationCap.map { Int128($0) }, share > cap {
      return [
        Alert(
          kind: Self.kind,
          severity: .warning,
          subject: "innovation",
          month: context.month,
          value: share,
          threshold: cap,
          unit: .share,
          message: "innovation is \(AlertMonth.percent(share)) of spend in "
            + "\(AlertMonth.text(context.month)) (\(money)), above the "
            + "\(AlertMonth.percent(cap)) cap",
          escalation: Int((share - cap) / step)
        )
      ]
    }
    return []
  }
}

/// Spend against a budget with the configured warning and critical shares; shared by the
/// budget rules.
struct BudgetCheck {
  /// The severity reached, the money line crossed, the share of the budget spent, and the
  /// escalation (whole resend steps of the budget spent).
  struct Finding {
    var severity: AlertSeverity
    var line: Int128
    var share: Int128?
    var escalation: Int
  }

  let settings: FinOpsConfiguration.Alerts

  /// Judges spend against a budget; `nil` when under the warning share.
  func judge(spend: Int128, budget: Int64) -> Finding? {
    let budget = Int128(budget)
    guard budget > 0 else {
      // A zero budget means no spend at all is expected.
      return spend > 0 ? Finding(severity: .critical, line: 0, share: nil, escalation: 0) : nil
    }
    let share = AlertMonth.share(spend, of: budget)
    let severity: AlertSeverity
    let threshold: Int64
    if share >= Int128(settings.critical) {
      (severity, threshold) = (.critical, settings.critical)
    } else if share >= Int128(settings.warning) {
      (severity, threshold) = (.warning, settings.warning)
    } else {
      return nil
    }
    return Finding(
      severity: severity,
      line: budget * Int128(threshold) / 1_000_000_000,
      share: share,
      escalation: Int(share / Int128(settings.resendStep))
    )
  }

  /// `80.8% of its 120000.00 USD budget` or `with a zero budget`.
  static func describe(
    _ finding: Finding,
    budget: Int64,
    currency: String,
    noun: String = "budget"
  ) -> String {
    guard let share = finding.share else { return "with a \(noun) of 0.00 \(currency)" }
    return "\(AlertMonth.percent(share)) of its \(Money.format(Int128(budget))) \(currency) \(noun)"
  }
}

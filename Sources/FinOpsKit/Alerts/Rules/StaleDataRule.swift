/// `stale_data`: a provider, billing account or sub-account whose charges stop more than
/// `alerts.stale_days` days before the as-of date (critical a week beyond that).
///
/// Accounts are only listed when their provider as a whole is fresh, so one late provider is
/// one alert, not one per account. Only sources whose data was regular (5 of the 7 days up to
/// their last day) can be late: an account used now and then is idle, not stale.
public struct StaleDataRule: AlertRule {
  /// `stale_data`.
  public static let kind = "stale_data"
  /// One line for documentation.
  public static let summary =
    "a provider or account whose data stops too many days before the as-of date"

  /// Creates the rule.
  public init() {}

  /// Evaluates the rule.
  /// - Parameter context: The month's figures.
  /// - Returns: One alert per late provider, and per late account of a fresh provider.
  public func evaluate(_ context: AlertContext) -> [Alert] {
    let allowed = context.configuration.alerts.staleDays
    let late = context.freshness.filter { $0.isRegular && context.asOfDay - $0.lastDay > allowed }
    let lateProviders = Set(late.filter { $0.level == .provider }.map(\.provider))
    return late.compactMap { item in
      if item.level != .provider, lateProviders.contains(item.provider) { return nil }
      let lag = context.asOfDay - item.lastDay
      let what: String
      switch item.level {
      case .provider: what = "provider '\(item.id)'"
      case .billingAccount: what = "billing account '\(item.id)' of \(item.provider)"
      case .subAccount: what = "sub-account '\(item.id)' of \(item.provider)"
      }
      return Alert(
        kind: Self.kind,
        severity: lag > allowed + 7 ? .critical : .warning,
        subject: item.subject,
        month: context.month,
        value: Int128(lag) * 1_000_000_000,
        threshold: Int128(allowed) * 1_000_000_000,
        unit: .days,
        message: "\(what) has no data after \(AlertMonth.date(item.lastDay)), \(lag) days "
          + "before \(AlertMonth.date(context.asOfDay)) (allowed: \(allowed)); check its "
          + "export and run 'finops ingest'",
        escalation: lag / 7
      )
    }
  }
}

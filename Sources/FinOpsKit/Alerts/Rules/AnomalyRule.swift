/// `anomaly`: a day's usage-based spend of a team, service or sub-account far above the same
/// weekday's recent pattern (see `AnomalyDetector` and the README).
///
/// Every day of the month up to the as-of date is judged; a subject gets at most one alert per
/// month, for its worst day, with the count of anomalous days.
public struct AnomalyRule: AlertRule {
  /// `anomaly`.
  public static let kind = "anomaly"
  /// One line for documentation.
  public static let summary =
    "a day's spend of a team, service or sub-account far above the same weekday's median"

  /// Creates the rule.
  public init() {}

  /// Evaluates the rule.
  /// - Parameter context: The month's figures.
  /// - Returns: At most one alert per series.
  public func evaluate(_ context: AlertContext) -> [Alert] {
    guard let data = context.dataDays else { return [] }
    let settings = context.configuration.alerts.anomaly
    let detector = AnomalyDetector(settings: settings)
    let first = max(AlertMonth.firstDay(context.month), data.lowerBound)
    let last = min(AlertMonth.lastDay(context.month), context.asOfDay, data.upperBound)
    guard first <= last else { return [] }
    let currency = context.configuration.currency
    return context.dailySeries.compactMap { series in
      var worst: (day: Int, value: Int128, judgement: AnomalyDetector.Judgement)?
      var count = 0
      for day in first...last {
        let history = (1...settings.weeks).map { day - 7 * $0 }.filter { $0 >= data.lowerBound }
          .map { series.amounts[$0] ?? 0 }
        let value = series.amounts[day] ?? 0
        guard let judgement = detector.judge(value, history: history),
          judgement.severity != nil
        else { continue }
        count += 1
        if let current = worst,
          current.value - current.judgement.upperBound >= value - judgement.upperBound
        {
          continue
        }
        worst = (day, value, judgement)
      }
      guard let worst, let severity = worst.judgement.severity else { return nil }
      let excess = worst.value - worst.judgement.baseline
      let line = max(worst.judgement.upperBound - worst.judgement.baseline, 1)
      var message =
        "\(series.label) spent \(Money.format(worst.value)) \(currency) on "
        + "\(AlertMonth.date(worst.day)) (\(AlertMonth.weekday(worst.day))); the median of the "
        + "previous \(settings.weeks) \(AlertMonth.weekday(worst.day))s is "
        + "\(Money.format(worst.judgement.baseline)) \(currency) and the normal range ends at "
        + "\(Money.format(worst.judgement.upperBound)) \(currency)"
      if count > 1 { message += " (\(count) unusual days this month)" }
      return Alert(
        kind: Self.kind,
        severity: severity,
        subject: series.subject,
        month: context.month,
        value: worst.value,
        threshold: worst.judgement.upperBound,
        unit: context.money,
        message: message,
        escalation: Int(excess / line)
      )
    }
  }
}

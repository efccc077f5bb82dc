/// Judges one day's spend against the same weekday in the previous weeks, robustly.
///
/// The baseline is the median of the same weekday over the last `weeks` weeks (so a weekly
/// cycle is the expectation, not a surprise), the spread is the median absolute deviation
/// (MAD) scaled by 1.4826 to be comparable to a standard deviation (so one past outlier moves
/// neither), and the spread is at least `min_band` of the baseline (so a perfectly flat history
/// does not make every small change an anomaly). A day is an anomaly when it exceeds the
/// baseline by more than `sensitivity` spreads AND by at least `min_amount`. All arithmetic is
/// on exact nano-units.
public struct AnomalyDetector: Sendable {
  /// The verdict for one day.
  public struct Judgement: Sendable, Equatable {
    /// The median of the history.
    public var baseline: Int128
    /// The robust spread (1.4826 x MAD, at least `min_band` of the baseline).
    public var spread: Int128
    /// The highest spend that is still normal: baseline + sensitivity x spread, and at least
    /// baseline + min_amount.
    public var upperBound: Int128
    /// Whether the day is an anomaly, and how bad.
    public var severity: AlertSeverity?
  }

  /// The settings.
  public let settings: FinOpsConfiguration.AnomalySettings

  /// Creates a detector.
  /// - Parameter settings: The `alerts.anomaly` settings.
  public init(settings: FinOpsConfiguration.AnomalySettings) { self.settings = settings }

  /// Judges a day.
  /// - Parameters:
  ///   - value: The day's spend.
  ///   - history: The same weekday's spend in previous weeks (only weeks covered by data).
  /// - Returns: The judgement, or `nil` when fewer than `min_weeks` weeks of history exist.
  public func judge(_ value: Int128, history: [Int128]) -> Judgement? {
    guard history.count >= settings.minimumWeeks, !history.isEmpty else { return nil }
    let baseline = Self.median(history)
    let mad = Self.median(history.map { ($0 - baseline).magnitude }.map { Int128($0) })
    let spread = max(
      mad * 14_826 / 10_000,
      baseline.magnitude > 0
        ? Int128(baseline.magnitude) * Int128(settings.minimumBandShare) / 1_000_000_000 : 0
    )
    let band = spread * Int128(settings.sensitivity) / 1_000_000_000
    let line = max(band, Int128(settings.minimumAmount))
    let excess = value - baseline
    var severity: AlertSeverity?
    if excess > band, excess >= Int128(settings.minimumAmount) {
      severity = excess > line * 3 ? .critical : .warning
    }
    return Judgement(
      baseline: baseline,
      spread: spread,
      upperBound: baseline + line,
      severity: severity
    )
  }

  /// The median; the mean of the two middle values (toward zero) for an even count.
  /// - Parameter values: At least one value.
  /// - Returns: The median.
  public static func median(_ values: [Int128]) -> Int128 {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}

/// How urgent an alert is; `critical` outranks `warning`.
public enum AlertSeverity: String, Sendable, Comparable, CaseIterable {
  /// Worth a look: a threshold is near or a pattern is unusual.
  case warning
  /// Act now: a budget is overrun or data is missing for long.
  case critical

  private var rank: Int { self == .warning ? 1 : 2 }

  /// Whether `left` is less urgent than `right`.
  public static func < (left: AlertSeverity, right: AlertSeverity) -> Bool {
    left.rank < right.rank
  }
}

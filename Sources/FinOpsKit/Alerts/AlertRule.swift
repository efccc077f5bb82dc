/// A check that turns an `AlertContext` into alerts; one type per kind, listed in
/// `AlertRuleRegistry.builtIn`.
public protocol AlertRule: Sendable {
  /// The kind written in every alert (`budget_actual`), unique across rules.
  static var kind: String { get }
  /// One line for documentation and `finops alerts --help`.
  static var summary: String { get }

  /// Evaluates the rule.
  /// - Parameter context: The month's measured figures and the configuration.
  /// - Returns: The alerts, possibly none.
  func evaluate(_ context: AlertContext) -> [Alert]
}

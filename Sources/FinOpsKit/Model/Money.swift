/// Formatting of nano-unit money amounts for people.
public enum Money {
  /// Formats nano-units rounded half to even to cents (`1234.57`).
  /// - Parameter nanos: The amount in 10^-9 currency units.
  /// - Returns: The amount with two decimals.
  public static func format(_ nanos: Int128) -> String {
    let rounded = ScaledDecimal.round(nanos, scale: ChargeColumn.moneyScale, places: 2)
    return ScaledDecimal.format(rounded, scale: ChargeColumn.moneyScale, minimumFractionDigits: 2)
  }

  /// Formats nano-units with every stored decimal (trailing zeros trimmed, at least two).
  /// - Parameter nanos: The amount in 10^-9 currency units.
  /// - Returns: The exact amount.
  public static func exact(_ nanos: Int128) -> String {
    ScaledDecimal.format(nanos, scale: ChargeColumn.moneyScale, minimumFractionDigits: 2)
  }
}

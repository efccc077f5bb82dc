/// Formats report figures: money rounded to cents, shares as percentages, exactly from nanos.
public enum ReportNumber {
  /// Money rounded to cents (half to even), plain: `-1234.50`.
  /// - Parameter nanos: Nano-units.
  /// - Returns: The amount with two decimals.
  public static func money(_ nanos: Int128) -> String { Money.format(nanos) }

  /// Money rounded to cents with thousands separators, for people: `-1,234.50`.
  /// - Parameter nanos: Nano-units.
  /// - Returns: The grouped amount.
  public static func groupedMoney(_ nanos: Int128) -> String {
    let plain = Money.format(nanos)
    let negative = plain.hasPrefix("-")
    let digits = negative ? plain.dropFirst() : Substring(plain)
    let parts = digits.split(separator: ".", maxSplits: 1)
    var whole = ""
    for (index, character) in parts[0].reversed().enumerated() {
      if index > 0 && index % 3 == 0 { whole.append(",") }
      whole.append(character)
    }
    let fraction = parts.count > 1 ? "." + parts[1] : ""
    return (negative ? "-" : "") + String(whole.reversed()) + fraction
  }

  /// A signed change: `+1,234.50` or `-12.00`.
  /// - Parameter nanos: Nano-units.
  /// - Returns: The change with its sign.
  public static func signedMoney(_ nanos: Int128) -> String {
    (CentRounding.round(nanos) > 0 ? "+" : "") + groupedMoney(nanos)
  }

  /// A share as a percentage with one decimal: `12.9%`.
  /// - Parameter nanos: The share in nano-units (1.0 is 1,000,000,000).
  /// - Returns: The percentage.
  public static func percent(_ nanos: Int128) -> String {
    let tenths = ScaledDecimal.round(nanos * 100, scale: 9, places: 1)
    return ScaledDecimal.format(tenths, scale: 9, minimumFractionDigits: 1) + "%"
  }

  /// A share as a decimal fraction with four places, for JSON: `0.1288`.
  /// - Parameter nanos: The share in nano-units.
  /// - Returns: The fraction.
  public static func fraction(_ nanos: Int128) -> String {
    let rounded = ScaledDecimal.round(nanos, scale: 9, places: 4)
    return ScaledDecimal.format(rounded, scale: 9, minimumFractionDigits: 4)
  }

  /// `part / whole` as a share in nano-units, or `nil` when the whole is not positive.
  /// - Parameters:
  ///   - part: The part.
  ///   - whole: The whole.
  /// - Returns: The share.
  public static func share(_ part: Int128, of whole: Int128) -> Int128? {
    whole > 0 ? part * 1_000_000_000 / whole : nil
  }
}

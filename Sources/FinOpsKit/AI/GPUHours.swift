import Foundation

/// GPU-hours of a charge: its usage in hours times the accelerators per instance.
///
/// Usage is read in hours from the consumed unit (`Hours`, `Hrs`, `1 Hour`, `hour`), and
/// converted from seconds, minutes or days when the unit says so (Google Cloud meters GPUs in
/// seconds); a block unit such as `10 Hours` multiplies the quantity. Any other unit (GB,
/// requests, tokens) has no GPU-hours.
public enum GPUHours {
  /// How many hours one unit is, or `nil` when the unit is not a duration.
  /// - Parameter unit: A consumed or pricing unit as written in the bill.
  /// - Returns: Hours per unit.
  public static func hoursPerUnit(_ unit: String) -> Double? {
    var text = Substring(unit.lowercased())
    text = text.drop { $0 == " " }
    var multiplier = 1.0
    let digits = text.prefix { $0.isNumber || $0 == "." }
    if !digits.isEmpty {
      guard let value = Double(digits), value > 0 else { return nil }
      multiplier = value
      text = text.dropFirst(digits.count).drop { $0 == " " || $0 == "/" }
    }
    for prefix in ["instance ", "instance-", "gpu ", "gpu-", "node "] where text.hasPrefix(prefix) {
      text = text.dropFirst(prefix.count)
    }
    let name = String(text).trimmingCharacters(in: .whitespaces)
    switch name {
    case "h", "hr", "hrs", "hour", "hours": return multiplier
    case "s", "sec", "secs", "second", "seconds": return multiplier / 3600
    case "min", "mins", "minute", "minutes": return multiplier / 60
    case "d", "day", "days": return multiplier * 24
    default: return nil
    }
  }

  /// GPU-hours of a usage quantity.
  /// - Parameters:
  ///   - quantity: The consumed (or pricing) quantity.
  ///   - unit: Its unit.
  ///   - accelerators: Accelerators per instance.
  /// - Returns: The GPU-hours, or `nil` when the unit is not a duration.
  public static func of(quantity: Double, unit: String, accelerators: Double) -> Double? {
    hoursPerUnit(unit).map { quantity * $0 * accelerators }
  }

  /// The cost of one GPU-hour in nano-units, or `nil` without GPU-hours.
  ///
  /// The GPU-hours are taken to a millionth, and the quotient is rounded half away from zero.
  /// - Parameters:
  ///   - cost: Cost in nano-units.
  ///   - hours: GPU-hours.
  /// - Returns: Nano-units per GPU-hour.
  public static func costPerHour(_ cost: Int128, hours: Double) -> Int128? {
    guard hours.isFinite, hours > 0 else { return nil }
    let microHours = Int128((hours * 1_000_000).rounded())
    guard microHours > 0 else { return nil }
    let numerator = cost * 1_000_000
    var quotient = numerator / microHours
    let remainder = numerator % microHours
    if remainder.magnitude * 2 >= microHours.magnitude { quotient += numerator < 0 ? -1 : 1 }
    return quotient
  }
}

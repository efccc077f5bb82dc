/// Exact decimal parsing into scaled integers.
///
/// Billing exports carry amounts as decimal text, sometimes with ten or more decimal places or in
/// scientific notation (`1.5E-7`). `ScaledDecimal` turns such text into an `Int64` count of
/// `10^-scale` units without ever going through binary floating point. Digits beyond the scale are
/// rounded half to even, the rounding used by accountants and by IEEE 754 decimal arithmetic.
public enum ScaledDecimal {
  /// Why a text could not be read as a decimal number.
  public enum Failure: Error, Equatable, Sendable {
    /// The text is not a decimal number (for example `1,23` or `abc`).
    case notANumber
    /// The number does not fit in the storage range at this scale.
    case outOfRange
  }

  /// Parses decimal text into units of `10^-scale`.
  ///
  /// Accepts an optional sign, digits with at most one decimal point, and an optional exponent
  /// (`e` or `E` with an optional sign). Surrounding ASCII spaces are ignored.
  /// - Parameters:
  ///   - bytes: The UTF-8 text of the number.
  ///   - scale: The number of decimal places kept (0 to 18).
  /// - Returns: The value in units of `10^-scale`, rounded half to even.
  /// - Throws: `Failure.notANumber` or `Failure.outOfRange`.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, scale: Int) throws(Failure) -> Int64
  {
    let parts = try components(bytes)
    let magnitude = try scaled(
      parts.mantissa,
      shift: parts.exponent + scale,
      droppedNonZero: parts.droppedNonZero
    )
    if parts.negative {
      guard magnitude <= UInt128(Int64.max) + 1 else { throw .outOfRange }
      return magnitude == UInt128(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt128(Int64.max) else { throw .outOfRange }
    return Int64(magnitude)
  }

  /// Parses decimal text into the nearest `Double`, for quantities (never for money).
  /// - Parameter bytes: The UTF-8 text of the number, in the grammar of `parse(_:scale:)`.
  /// - Returns: The value as a double.
  /// - Throws: `Failure.notANumber` for text that is not a number.
  public static func double(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Double {
    let parts = try components(bytes)
    var value =
      parts.mantissa <= UInt128(UInt64.max)
      ? Double(UInt64(truncatingIfNeeded: parts.mantissa)) : Double(parts.mantissa)
    var exponent = parts.exponent
    while exponent > 0 {
      let step = min(exponent, 22)
      value *= doublePowers[step]
      exponent -= step
    }
    while exponent < 0 {
      let step = min(-exponent, 22)
      value /= doublePowers[step]
      exponent += step
    }
    guard value.isFinite else { throw .outOfRange }
    return parts.negative ? -value : value
  }

  /// Powers of ten that a `Double` holds exactly.
  private static let doublePowers: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  private struct Components {
    var negative: Bool
    var mantissa: UInt128
    var exponent: Int
    var droppedNonZero: Bool
  }

  private static func components(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Components
  {
    var index = 0
    var end = bytes.count
    while index < end, bytes[index] == UInt8(ascii: " ") { index += 1 }
    while end > index, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
    guard index < end else { throw .notANumber }

    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    } else if bytes[index] == UInt8(ascii: "+") {
      index += 1
    }

    // Significant digits go into `mantissa` (at most 36 of them); later digits only matter for
    // rounding, so they are remembered as `droppedNonZero` and counted in `exponent`.
    var mantissa: UInt128 = 0
    var significantDigits = 0
    var exponent = 0
    var droppedNonZero = false
    var sawDigit = false
    var sawPoint = false
    while index < end {
      let byte = bytes[index]
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        sawDigit = true
        let digit = UInt128(byte &- UInt8(ascii: "0"))
        if significantDigits < 36 {
          if mantissa != 0 || digit != 0 { significantDigits += 1 }
          mantissa = mantissa &* 10 &+ digit
          if sawPoint { exponent -= 1 }
        } else {
          if digit != 0 { droppedNonZero = true }
          if !sawPoint { exponent += 1 }
        }
      } else if byte == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else {
        break
      }
      index += 1
    }
    guard sawDigit else { throw .notANumber }

    if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
      index += 1
      var exponentNegative = false
      if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      var written = 0
      var sawExponentDigit = false
      while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
        sawExponentDigit = true
        if written < 100_000 { written = written * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
        index += 1
      }
      guard sawExponentDigit else { throw .notANumber }
      exponent += exponentNegative ? -written : written
    }
    guard index == end else { throw .notANumber }
    return Components(
      negative: negative,
      mantissa: mantissa,
      exponent: exponent,
      droppedNonZero: droppedNonZero
    )
  }

  /// Parses a Swift string; a convenience for configuration values and tests.
  /// - Parameters:
  ///   - text: The decimal text.
  ///   - scale: The number of decimal places kept.
  /// - Returns: The value in units of `10^-scale`.
  /// - Throws: `Failure` when the text is not a representable number.
  public static func parse(_ text: String, scale: Int) throws(Failure) -> Int64 {
    var copy = text
    let result: Result<Int64, Failure> = copy.withUTF8 { buffer in
      do throws(Failure) {
        return .success(try parse(buffer, scale: scale))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Formats units of `10^-scale` as plain decimal text, trimming trailing zeros beyond
  /// `minimumFractionDigits`.
  /// - Parameters:
  ///   - units: The scaled value.
  ///   - scale: The number of decimal places the units carry.
  ///   - minimumFractionDigits: Fraction digits always written.
  /// - Returns: Text such as `-12.5` or `0.000000001`.
  public static func format(_ units: Int64, scale: Int, minimumFractionDigits: Int = 0) -> String {
    format(Int128(units), scale: scale, minimumFractionDigits: minimumFractionDigits)
  }

  /// Formats a 128-bit scaled value (used for totals) as plain decimal text.
  /// - Parameters:
  ///   - units: The scaled value.
  ///   - scale: The number of decimal places the units carry.
  ///   - minimumFractionDigits: Fraction digits always written.
  /// - Returns: Decimal text.
  public static func format(_ units: Int128, scale: Int, minimumFractionDigits: Int = 0) -> String {
    let negative = units < 0
    let magnitude = units.magnitude
    let divisor = UInt128(powerOfTen(scale))
    let whole = magnitude / divisor
    var fraction = String(magnitude % divisor)
    fraction = String(repeating: "0", count: scale - fraction.count) + fraction
    while fraction.count > minimumFractionDigits, fraction.last == "0" { fraction.removeLast() }
    var text = negative ? "-" : ""
    text += String(whole)
    if !fraction.isEmpty { text += "." + fraction }
    return text
  }

  /// Rounds a scaled value to fewer decimal places, half to even.
  /// - Parameters:
  ///   - units: The value in units of `10^-scale`.
  ///   - scale: Its scale.
  ///   - places: The decimal places to keep.
  /// - Returns: The rounded value, still in units of `10^-scale`.
  public static func round(_ units: Int128, scale: Int, places: Int) -> Int128 {
    guard places < scale else { return units }
    let step = Int128(powerOfTen(scale - places))
    var quotient = units / step
    let remainder = units % step
    let twice = remainder.magnitude * 2
    if twice > step.magnitude || (twice == step.magnitude && quotient % 2 != 0) {
      quotient += units < 0 ? -1 : 1
    }
    return quotient * step
  }

  /// `10^exponent` for exponents from 0 to 38.
  static func powerOfTen(_ exponent: Int) -> UInt128 {
    var value: UInt128 = 1
    for _ in 0..<exponent { value &*= 10 }
    return value
  }

  private static func scaled(
    _ mantissa: UInt128,
    shift: Int,
    droppedNonZero: Bool
  ) throws(Failure) -> UInt128 {
    if mantissa == 0 { return 0 }
    if shift >= 0 {
      guard shift <= 38 else { throw .outOfRange }
      let (product, overflow) = mantissa.multipliedReportingOverflow(by: powerOfTen(shift))
      guard !overflow else { throw .outOfRange }
      return product
    }
    guard -shift <= 38 else { return 0 }
    let divisor = powerOfTen(-shift)
    let quotient = mantissa / divisor
    let remainder = mantissa % divisor
    let half = divisor / 2
    if remainder > half || (remainder == half && (droppedNonZero || quotient % 2 == 1)) {
      return quotient + 1
    }
    return quotient
  }
}

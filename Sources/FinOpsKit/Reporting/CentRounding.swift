/// Rounds amounts that make up a total to cents so that the rounded parts still add up to the
/// rounded total.
///
/// The total is rounded half to even. Each part is first rounded down to a whole cent; the cents
/// still missing go one each to the parts with the largest remainders (ties to the earlier
/// part), the largest-remainder method `ExactSplit` uses for shared costs. It is written out
/// here because parts may be negative (credits), which `ExactSplit`'s weights may not.
public enum CentRounding {
  /// One cent in nano-units.
  public static let cent: Int128 = 10_000_000

  /// Rounds a nano-unit amount half to even to a whole number of cents (still in nano-units).
  /// - Parameter nanos: The amount.
  /// - Returns: A multiple of `cent`.
  public static func round(_ nanos: Int128) -> Int128 {
    ScaledDecimal.round(nanos, scale: ChargeColumn.moneyScale, places: 2)
  }

  /// Rounds parts to cents so that they add up to the rounded sum of the parts.
  /// - Parameter parts: Nano-unit amounts (any sign).
  /// - Returns: One multiple of `cent` per part, adding up to `round(parts.sum)`.
  public static func reconcile(_ parts: [Int128]) -> [Int128] {
    let total = round(parts.reduce(0, +))
    var floors: [Int128] = []
    var remainders: [(index: Int, remainder: Int128)] = []
    for (index, part) in parts.enumerated() {
      var whole = part / cent
      var remainder = part % cent
      if remainder < 0 {
        whole -= 1
        remainder += cent
      }
      floors.append(whole * cent)
      remainders.append((index, remainder))
    }
    var missing = (total - floors.reduce(0, +)) / cent
    remainders.sort {
      $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index
    }
    var position = 0
    while missing > 0, position < remainders.count {
      floors[remainders[position].index] += cent
      missing -= 1
      position += 1
    }
    return floors
  }
}

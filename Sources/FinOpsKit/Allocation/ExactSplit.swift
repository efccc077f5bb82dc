/// Splits an amount into parts by weight without losing or creating a single unit.
///
/// Each part first gets the whole units of its exact share; the units left over go one each to
/// the parts with the largest remainders (ties to the earlier part). The parts always add up to
/// the amount, and a negative amount (a credit) splits like its magnitude, negated.
public enum ExactSplit {
  /// Splits `amount` in proportion to non-negative `weights`.
  /// - Parameters:
  ///   - amount: The amount in indivisible units (nano-units for money).
  ///   - weights: One non-negative weight per part. When every weight is zero the split is even.
  /// - Returns: One amount per weight, adding up to `amount`.
  public static func split(_ amount: Int64, weights: [Int128]) -> [Int64] {
    guard !weights.isEmpty else { return [] }
    precondition(weights.allSatisfy { $0 >= 0 }, "split weights must not be negative")
    var effective = weights
    if effective.allSatisfy({ $0 == 0 }) { effective = Array(repeating: 1, count: weights.count) }
    let total = effective.reduce(0, +)
    let magnitude = Int128(amount).magnitude
    var parts: [UInt128] = []
    var remainders: [(index: Int, remainder: UInt128)] = []
    var assigned: UInt128 = 0
    for (index, weight) in effective.enumerated() {
      let product = magnitude * UInt128(weight)
      let share = product / UInt128(total)
      parts.append(share)
      assigned += share
      remainders.append((index, product % UInt128(total)))
    }
    var leftover = magnitude - assigned
    remainders.sort {
      $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index
    }
    var position = 0
    while leftover > 0 {
      parts[remainders[position].index] += 1
      leftover -= 1
      position += 1
    }
    return parts.map { amount < 0 ? -Int64(Int128($0)) : Int64(Int128($0)) }
  }

  /// Splits `amount` evenly into `count` parts (earlier parts take the leftover units).
  /// - Parameters:
  ///   - amount: The amount in indivisible units.
  ///   - count: The number of parts (at least one).
  /// - Returns: The parts, adding up to `amount`.
  public static func even(_ amount: Int64, count: Int) -> [Int64] {
    split(amount, weights: Array(repeating: 1, count: count))
  }
}

import Testing

@testable import FinOpsKit

struct CentRoundingTests {
  private let cent = CentRounding.cent

  @Test func thirdsAddUpToTheRoundedTotal() {
    // Three parts of 0.333333333 each: 0.999999999 rounds to 1.00, so one part gets 0.34.
    let parts: [Int128] = [333_333_333, 333_333_333, 333_333_333]
    let rounded = CentRounding.reconcile(parts)
    #expect(rounded == [34 * cent, 33 * cent, 33 * cent])
    #expect(rounded.reduce(0, +) == 100 * cent)
  }

  @Test func creditsRoundWithoutLosingACent() {
    // -0.005, 0.015 and 1.004: total 1.014 rounds to 1.01.
    let parts: [Int128] = [-5_000_000, 15_000_000, 1_004_000_000]
    let rounded = CentRounding.reconcile(parts)
    #expect(rounded.reduce(0, +) == 101 * cent)
    #expect(rounded.allSatisfy { $0 % cent == 0 })
  }

  @Test func manyRandomPartsAlwaysReconcile() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let count = Int.random(in: 1...12, using: &generator)
      let parts = (0..<count).map { _ in
        Int128(Int64.random(in: -5_000_000_000...50_000_000_000, using: &generator))
      }
      let rounded = CentRounding.reconcile(parts)
      #expect(rounded.reduce(0, +) == CentRounding.round(parts.reduce(0, +)))
      for (part, value) in zip(parts, rounded) {
        #expect(value % cent == 0)
        #expect(abs(value - part) < cent)
      }
    }
  }
}

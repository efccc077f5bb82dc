import Testing

@testable import FinOpsKit

struct ExactSplitTests {
  struct Case: Sendable {
    var amount: Int64
    var weights: [Int128]
    var expected: [Int64]
  }

  static let cases: [Case] = [
    Case(amount: 100, weights: [1, 1, 1], expected: [34, 33, 33]),
    Case(amount: -100, weights: [1, 1, 1], expected: [-34, -33, -33]),
    Case(amount: 10, weights: [1, 2, 7], expected: [1, 2, 7]),
    Case(amount: 1, weights: [1, 1], expected: [1, 0]),
    Case(amount: 0, weights: [5, 3], expected: [0, 0]),
    Case(amount: 99, weights: [0, 0, 0], expected: [33, 33, 33]),  // all zero: even
    Case(amount: 100, weights: [0, 3, 0], expected: [0, 100, 0]),
    Case(amount: 7, weights: [2, 2, 3], expected: [2, 2, 3]),
    Case(amount: 5, weights: [1, 1, 1, 1, 1, 1, 1], expected: [1, 1, 1, 1, 1, 0, 0]),
    Case(
      amount: 1_000_000_000,
      weights: [333, 333, 334],
      expected: [333_000_000, 333_000_000, 334_000_000]
    ),
    Case(
      amount: 1_000_000_001,
      weights: [1, 1, 1],
      expected: [333_333_334, 333_333_334, 333_333_333]
    ),
  ]

  @Test(arguments: cases)
  func splitsByLargestRemainder(_ testCase: Case) {
    #expect(ExactSplit.split(testCase.amount, weights: testCase.weights) == testCase.expected)
  }

  @Test func partsAlwaysAddUpToTheAmount() {
    var random = SeededGenerator(seed: 11)
    for _ in 0..<2_000 {
      let amount = Int64(bitPattern: random.next() >> 20) * (random.next() % 2 == 0 ? 1 : -1)
      let count = Int(random.next() % 9) + 1
      let weights = (0..<count).map { _ in Int128(random.next() % 1_000_000_000_000) }
      let parts = ExactSplit.split(amount, weights: weights)
      #expect(parts.reduce(0, +) == amount)
      #expect(parts.count == count)
      if amount >= 0 { #expect(parts.allSatisfy { $0 >= 0 }) }
    }
  }

  @Test func largeAmountsAndWeightsDoNotOverflow() {
    let parts = ExactSplit.split(Int64.max, weights: [Int128(Int64.max), Int128(Int64.max)])
    #expect(parts.reduce(Int128(0)) { $0 + Int128($1) } == Int128(Int64.max))
  }
}

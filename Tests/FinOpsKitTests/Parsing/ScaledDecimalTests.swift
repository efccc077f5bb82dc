import Testing

@testable import FinOpsKit

struct ScaledDecimalTests {
  @Test(arguments: [
    ("0", Int64(0)),
    ("0.00000080000", 800),
    ("236.0981187100", 236_098_118_710),
    ("-12.5", -12_500_000_000),
    ("+5", 5_000_000_000),
    (".5", 500_000_000),
    ("5.", 5_000_000_000),
    ("  42.1  ", 42_100_000_000),
    ("1.5E-7", 150),
    ("2.5e+3", 2_500_000_000_000),
    ("1E2", 100_000_000_000),
    ("0.0000000005", 0),  // half to even: 0.5 nano rounds to 0
    ("0.0000000015", 2),  // half to even: 1.5 nanos round to 2
    ("0.0000000025", 2),
    ("0.00000000250000001", 3),  // beyond half: rounds up
    ("-0.0000000015", -2),
    ("1.000000000500000000000000000000000000001", 1_000_000_001),  // sticky digits past 36
    ("9223372036.854775807", Int64.max),
  ])
  func parsesDecimalTextIntoNanos(text: String, expected: Int64) throws {
    #expect(try ScaledDecimal.parse(text, scale: 9) == expected)
  }

  @Test(arguments: [
    "", " ", "1,23", "abc", "1.2.3", "--1", "1e", "1e+", "$5", "NaN", "0x10", "1 2",
  ])
  func rejectsTextThatIsNotANumber(text: String) {
    #expect(throws: ScaledDecimal.Failure.notANumber) {
      try ScaledDecimal.parse(text, scale: 9)
    }
  }

  @Test(arguments: ["1e30", "9223372036.854775808", "-9999999999999"])
  func rejectsValuesOutsideTheStorageRange(text: String) {
    #expect(throws: ScaledDecimal.Failure.outOfRange) {
      try ScaledDecimal.parse(text, scale: 9)
    }
  }

  @Test func formatsAndRoundsToCentsHalfToEven() {
    #expect(Money.format(2_345_000_000) == "2.34")  // 234.5 cents: half to even
    #expect(Money.format(2_335_000_000) == "2.34")
    #expect(Money.format(2_325_000_000) == "2.32")
    #expect(Money.format(-1_005_000_000) == "-1.00")
    #expect(Money.format(1) == "0.00")
    #expect(Money.exact(800) == "0.0000008")
    #expect(Money.exact(-12_500_000_000) == "-12.50")
  }

  @Test func convertsQuantitiesToDoubles() throws {
    var text = "2777.624926"
    let value = try text.withUTF8 { try ScaledDecimal.double($0) }
    #expect(value == 2777.624926)
    var tokens = "1.2E6"
    #expect(try tokens.withUTF8 { try ScaledDecimal.double($0) } == 1_200_000)
  }
}

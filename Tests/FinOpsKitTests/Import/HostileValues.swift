import FinOpsKit

/// Hostile cell and JSON values for the importer mutation tests, picked by a seeded generator.
enum HostileValues {
  /// Text that is wrong in a billing cell: not a number, not a date, a formula, markup, huge.
  static let cells = [
    "", "NULL", "null", "abc", "1,5", "1e400", "-0", "1E-12", "NaN", "-inf", "0x1F",
    "2024-02-30", "9999-12-31T23:59:59Z", "1970-01-01", "{", "{\"a\":", "[]", "{\"k\":[[[[1]]]]}",
    "=cmd|'/C calc'!A0", "<b>x</b>", "| a | b |", "\u{FEFF}", "é", "\u{0}", "9223372036.9",
    String(repeating: "9", count: 40), "-" + String(repeating: "9", count: 30) + ".5",
    "\"quoted\"", "line\nbreak", " padded ", "USD ", "XXX", String(repeating: "x", count: 5000),
  ]

  /// A random hostile cell.
  static func cell(using random: inout SeededGenerator) -> String {
    cells[Int(random.next() % UInt64(cells.count))]
  }

  /// A random hostile JSON value: numbers as strings, huge numbers, nulls, wrong types, nesting.
  static func json(using random: inout SeededGenerator) -> JSONValue {
    switch random.next() % 10 {
    case 0: return .null
    case 1: return .string(cell(using: &random))
    case 2: return .number(String(repeating: "9", count: 400))
    case 3: return .number("-1e999")
    case 4: return .number("123.000000000000000000001")
    case 5: return .bool(true)
    case 6: return .array([.number("1"), .null])
    case 7: return .object(JSONObject())
    case 8:
      var value = JSONValue.number("1")
      for _ in 0..<40 { value = .array([value]) }
      return value
    default: return .string("12.5")
    }
  }
}

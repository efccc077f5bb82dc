import Testing

@testable import FinOpsKit

struct JSONTreeTests {
  @Test func keepsNumberTextExactAndPositions() throws {
    let root = try JSONTree.parse(
      Array("{\n  \"a\": 0.1000000000000000055,\n  \"b\": [1e-2, \"x\\u00e9\\n\"]\n}".utf8)
    )
    #expect(root["a"]?.decimalText == "0.1000000000000000055")
    #expect(root["a"]?.line == 2)
    #expect(root["a"]?.column == 8)
    let items = try #require(root["b"]?.elements)
    #expect(items.map(\.shown) == ["1e-2", "xé\n"])
    #expect(items[0].line == 3)
  }

  @Test(arguments: [
    ("{\"a\": 1,}", 1, 9, "expected a quoted key"),
    ("{\"a\": 01x}", 1, 9, "expected ',' or '}' in an object"),
    ("[1, 2", 1, 6, "unexpected end of file inside an array"),
    ("{\"a\":\n  tru}", 2, 3, "invalid literal, expected 'true'"),
    ("{\"a\": \"x", 1, 9, "unterminated string"),
    ("{} {}", 1, 4, "unexpected text after the value"),
    ("{\"a\": -}", 1, 8, "invalid number"),
  ])
  func reportsWhereTheTextIsInvalid(text: String, line: Int, column: Int, reason: String) {
    #expect(throws: JSONTree.SyntaxError(line: line, column: column, reason: reason)) {
      try JSONTree.parse(Array(text.utf8))
    }
  }

  @Test func surrogatePairsDecode() throws {
    let root = try JSONTree.parse(Array("\"\\ud83d\\ude00\"".utf8))
    #expect(root.string == "😀")
  }
}

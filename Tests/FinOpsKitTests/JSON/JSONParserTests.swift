import Testing

@testable import FinOpsKit

struct JSONParserTests {
  @Test func keepsNumbersAsTheirExactText() throws {
    let value = try JSONParser.parse(
      #"{"cost": 0.1, "tiny": -1.5E-7, "big": 12345678901234567890}"#
    )
    #expect(value["cost"] == .number("0.1"))
    #expect(value["tiny"] == .number("-1.5E-7"))
    #expect(value["big"]?.scalarText == "12345678901234567890")
    #expect(try ScaledDecimal.parse(value["cost"]?.scalarText ?? "", scale: 9) == 100_000_000)
  }

  @Test func readsNestedRecordsArraysAndDottedPaths() throws {
    let value = try JSONParser.parse(
      #"{"service": {"id": "6F81", "description": "Compute Engine"}, "labels": [{"key": "team", "value": "search"}], "ok": true, "none": null}"#
    )
    #expect(value.value(at: "service.description") == .string("Compute Engine"))
    #expect(value["labels"]?.array?.first?["value"] == .string("search"))
    #expect(value["ok"] == .bool(true))
    #expect(value["none"]?.isNull == true)
    #expect(value.value(at: "service.missing") == nil)
    #expect(value.object?.keys == ["service", "labels", "ok", "none"])
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let value = try JSONParser.parse(#"["a\"b\\c\/d\n", "\u00e9\u65e5", "\ud83d\ude80"]"#)
    #expect(value.array == [.string("a\"b\\c/d\n"), .string("é日"), .string("🚀")])
  }

  @Test func writesCompactTextBackWithExactNumbers() throws {
    let text = #"{"a":[1,2.50,"x\"y"],"b":{"c":null,"d":false},"e":-0.000000001}"#
    #expect(try JSONParser.parse(text).jsonText == text)
  }

  @Test func theLastDuplicateKeyWins() throws {
    #expect(try JSONParser.parse(#"{"a": 1, "a": 2}"#)["a"] == .number("2"))
  }

  @Test(arguments: [
    (#"{"a": 1,}"#, 8, "expected a member name in quotes"),
    (#"{"a" 1}"#, 5, "expected ':' after a member name"),
    ("[1, 2", 5, "unexpected end of input inside an array"),
    (#"{"a": 01}"#, 7, "leading zeros are not allowed in numbers"),
    (#"{"a": 1.}"#, 8, "expected a digit after '.'"),
    (#"{"a": tru}"#, 6, "invalid literal"),
    (#"{"a": "x\q"}"#, 9, "invalid escape '\\q'"),
    (#"{"a": "\ud83d"}"#, 13, "unpaired surrogate in \\u escape"),
    ("{} {}", 3, "unexpected text after the JSON value"),
    ("", 0, "unexpected end of input, expected a value"),
    ("'a'", 0, "unexpected character ''', expected a value"),
    ("\"a\u{1}b\"", 2, "control character in a string"),
  ])
  func rejectsMalformedTextWithItsOffset(text: String, offset: Int, reason: String) {
    #expect(throws: JSONSyntaxError(offset: offset, reason: reason)) {
      try JSONParser.parse(text)
    }
  }

  @Test func rejectsInvalidUTF8InStrings() {
    let bytes: [UInt8] = Array(#"{"a": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
    #expect(throws: JSONSyntaxError(offset: 7, reason: "string is not valid UTF-8")) {
      try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
        try JSONParser.parse(buffer)
      }
    }
  }

  @Test func rejectsNestingDeeperThanTheLimit() {
    let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
    #expect((try? JSONParser.parse(fine)) != nil)
  }
}

import Testing

@testable import FinOpsKit

struct JSONTextTests {
  @Test(arguments: [
    #"{}"#, #"{"team": "payments"}"#, #" {"a":1,"b":[true,false,null],"c":{"d":-1.5e3}} "#,
    #"{"esc\"aped": "line\nbreak \u00e9"}"#,
  ])
  func acceptsJSONObjects(text: String) {
    var copy = text
    #expect(copy.withUTF8 { JSONText.isObject($0) })
  }

  @Test(arguments: [
    "", "[]", "\"x\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "team=payments",
    "{\"a\":1} trailing", "{\"a\":\"\u{01}\"}", "{\"a\":\"\\x\"}",
  ])
  func rejectsAnythingElse(text: String) {
    var copy = text
    #expect(!copy.withUTF8 { JSONText.isObject($0) })
  }

  @Test func rejectsNestingDeeperThanTheLimit() {
    var deep = String(repeating: "{\"a\":", count: 40) + "1" + String(repeating: "}", count: 40)
    #expect(!deep.withUTF8 { JSONText.isObject($0) })
    var shallow = String(repeating: "{\"a\":", count: 10) + "1" + String(repeating: "}", count: 10)
    #expect(shallow.withUTF8 { JSONText.isObject($0) })
  }

  @Test func escapesStringsForJSON() {
    #expect(JSONText.quoted("a\"b\\c\nd\u{01}") == #""a\"b\\c\nd\u0001""#)
  }
}

/// Malformed numbers and unpaired surrogate escapes, found by the JSON fuzz target
/// (`Scripts/fuzz.sh 60 json`): the tag
/// validator must reject what the parser rejects, or a tag cell is stored as JSON nobody can
/// read back.
struct JSONTextFuzzFindingTests {
  @Test(arguments: ["1.5e-", "1e", "1e+-2", "01", "-", "1.", ".5", "1..2", "1-2", "--1", "1e2e3"])
  func rejectsMalformedNumbers(number: String) {
    var text = "{\"team\":\"search\",\"n\":\(number)}"
    #expect(!text.withUTF8 { JSONText.isObject($0) })
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
  }

  @Test(arguments: [#""\ude00""#, #""\ud83d""#, #""\ud83dx""#, #""\ud83d\u0041""#])
  func rejectsUnpairedSurrogateEscapes(string: String) {
    var text = "{\"team\":\(string)}"
    #expect(!text.withUTF8 { JSONText.isObject($0) })
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
  }

  @Test func acceptsASurrogatePair() {
    var text = #"{"team":"\ud83d\ude00 \u00e9"}"#
    #expect(text.withUTF8 { JSONText.isObject($0) })
  }

  @Test(arguments: ["0", "-0", "1.5e-3", "2E+10", "-12.25", "1e2"])
  func acceptsWellFormedNumbers(number: String) {
    var text = "{\"n\":\(number)}"
    #expect(text.withUTF8 { JSONText.isObject($0) })
  }
}

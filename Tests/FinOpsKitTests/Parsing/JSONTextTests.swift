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

import Testing

@testable import FinOpsKit

/// `JSONParser.parseDocument` keeps number text exact and remembers where each value starts.
struct JSONDocumentPositionTests {
  private func document(_ text: String) throws -> JSONDocument {
    var copy = text
    let result: Result<JSONDocument, JSONSyntaxError> = copy.withUTF8 { buffer in
      do throws(JSONSyntaxError) {
        return .success(try JSONParser.parseDocument(buffer))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  @Test func keepsNumberTextExactAndPositions() throws {
    let root = try document(
      "{\n  \"a\": 0.1000000000000000055,\n  \"b\": [1e-2, \"x\\u00e9\\n\"],\n"
        + "  \"c\": {\"d\": null}\n}"
    ).rootNode
    #expect(root.line == 1 && root.column == 1)
    #expect(root["a"]?.decimalText == "0.1000000000000000055")
    #expect(root["a"]?.line == 2)
    #expect(root["a"]?.column == 8)
    let items = try #require(root["b"]?.elements)
    #expect(items.map(\.shown) == ["1e-2", "xé\n"])
    #expect(items.map(\.line) == [3, 3])
    #expect(items.map(\.column) == [9, 15])
    // Siblings after a nested array and inside a nested object keep their own positions.
    #expect(root["c"]?.line == 4)
    #expect(root["c"]?["d"]?.column == 14)
    #expect(root["c"]?["d"]?.isNull == true)
    #expect(root["missing"] == nil)
  }

  @Test(arguments: [
    ("{\"a\": 1,}", 1, 9, "expected a member name in quotes"),
    ("{\"a\": 01x}", 1, 8, "leading zeros are not allowed in numbers"),
    ("[1, 2", 1, 6, "unexpected end of input inside an array"),
    ("{\"a\":\n  tru}", 2, 3, "invalid literal"),
    ("{\"a\": \"x", 1, 9, "unterminated string"),
    ("{} {}", 1, 4, "unexpected text after the JSON value"),
    ("{\"a\": -}", 1, 8, "expected a digit"),
  ])
  func reportsWhereTheTextIsInvalid(text: String, line: Int, column: Int, reason: String) {
    var copy = text
    let failure: JSONSyntaxError? = copy.withUTF8 { buffer in
      do throws(JSONSyntaxError) {
        _ = try JSONParser.parseDocument(buffer)
        return nil
      } catch {
        return error
      }
    }
    guard let error = failure else {
      Issue.record("'\(text)' was accepted")
      return
    }
    #expect(error.reason == reason)
    let position = copy.withUTF8 { JSONDocumentReader.position(of: error.offset, in: $0) }
    #expect(position == (line, column))
  }

  @Test func surrogatePairsDecode() throws {
    #expect(try document("\"\\ud83d\\ude00\"").rootNode.string == "😀")
  }
}

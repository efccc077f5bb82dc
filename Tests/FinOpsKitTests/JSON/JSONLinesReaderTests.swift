import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct JSONLinesReaderTests {
  private func lines(_ text: String, chunk: Int, maximumLineBytes: Int = 1 << 20) throws
    -> [(Int, JSONValue)]
  {
    let reader = JSONLinesReader(
      source: TrickleByteSource(text, chunk: chunk),
      path: "rows.jsonl",
      maximumLineBytes: maximumLineBytes
    )
    var rows: [(Int, JSONValue)] = []
    while try reader.nextLine() { rows.append((reader.line, try reader.value())) }
    return rows
  }

  @Test(arguments: [1, 3, 7, 64, 1 << 20])
  func readsLinesWithTheirNumbersWhateverTheChunking(chunk: Int) throws {
    let text = "\u{FEFF}{\"a\": 1}\r\n\n   \n{\"b\": \"x\\ny\"}\n[2]"
    let rows = try lines(text, chunk: chunk)
    #expect(rows.map(\.0) == [1, 4, 5])
    #expect(
      rows.map(\.1) == [
        .object(.init(members: [.init(key: "a", value: .number("1"))])),
        .object(.init(members: [.init(key: "b", value: .string("x\ny"))])), .array([.number("2")]),
      ]
    )
  }

  @Test func readsLinesLongerThanTheInitialBufferUpToTheLimit() throws {
    let long = "{\"k\": \"" + String(repeating: "x", count: 300) + "\"}"
    let rows = try lines(long + "\n" + long + "\n", chunk: 5, maximumLineBytes: 400)
    #expect(rows.count == 2)
    #expect(throws: JSONReadError.lineTooLong(path: "rows.jsonl", line: 2, limit: 100)) {
      _ = try lines("{}\n" + long + "\n", chunk: 5, maximumLineBytes: 100)
    }
  }

  @Test func aMalformedLineCanBeSetAsideAndReadingGoesOn() throws {
    let reader = JSONLinesReader(
      source: TrickleByteSource("{\"a\": 1}\n{\"a\": }\n{\"a\": 3}\n", chunk: 4),
      path: "rows.jsonl"
    )
    var good: [Int] = []
    var bad: [(Int, Int, String)] = []
    while try reader.nextLine() {
      do {
        _ = try reader.value()
        good.append(reader.line)
      } catch {
        bad.append((reader.line, error.offset + 1, reader.lineText))
      }
    }
    #expect(good == [1, 3])
    #expect(bad.count == 1)
    #expect(bad.first?.0 == 2 && bad.first?.1 == 7 && bad.first?.2 == "{\"a\": }")
  }

  @Test func readsGzipFiles() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("rows.jsonl")
    folder.write("rows.jsonl", "{\"a\": 1}\n{\"a\": 2}\n")
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    gzip.arguments = ["gzip", "-k", path]
    try gzip.run()
    gzip.waitUntilExit()
    let reader = try JSONLinesReader(path: path + ".gz")
    var count = 0
    while try reader.nextLine() {
      _ = try reader.value()
      count += 1
    }
    #expect(count == 2)
  }

  @Test func documentReaderReportsLineAndColumn() throws {
    let folder = TemporaryDirectory()
    let good = folder.write("page.json", "{\n  \"data\": [1, 2],\n  \"has_more\": false\n}\n")
    #expect(try JSONDocumentReader.read(path: good)["has_more"] == .bool(false))
    let bad = folder.write("bad.json", "{\n  \"data\": [1, 2,],\n}\n")
    #expect(
      throws: JSONReadError.syntax(
        path: bad,
        line: 2,
        column: 17,
        reason: "unexpected character ']', expected a value"
      )
    ) { try JSONDocumentReader.read(path: bad) }
    #expect(throws: JSONReadError.documentTooLarge(path: good, limit: 10)) {
      try JSONDocumentReader.read(path: good, maximumBytes: 10)
    }
  }
}

import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// Serves bytes a few at a time, so that every record boundary case meets a buffer refill.
final class TrickleByteSource: ByteSource {
  private let bytes: [UInt8]
  private var offset = 0
  private let chunk: Int
  var consumedFileBytes: Int64 { Int64(offset) }

  init(_ text: String, chunk: Int) {
    bytes = Array(text.utf8)
    self.chunk = chunk
  }

  init(bytes: [UInt8], chunk: Int) {
    self.bytes = bytes
    self.chunk = chunk
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    let count = min(chunk, buffer.count, bytes.count - offset)
    for index in 0..<count { buffer[index] = bytes[offset + index] }
    offset += count
    return count
  }
}

struct CSVReaderTests {
  private func records(_ text: String, chunk: Int = 1 << 20) throws -> [[String]] {
    let reader = CSVReader(source: TrickleByteSource(text, chunk: chunk))
    var result: [[String]] = []
    while try reader.nextRecord() { result.append(reader.strings()) }
    return result
  }

  @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
  func readsQuotedFieldsWithSeparatorsQuotesAndLineBreaks(chunk: Int) throws {
    let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nplain,,\"\"\n"
    #expect(
      try records(text, chunk: chunk) == [
        ["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["plain", "", ""],
      ]
    )
  }

  @Test func skipsAByteOrderMarkAndBlankLines() throws {
    let text = "\u{FEFF}Name,Cost\n\nA,1\n\r\nB,2"
    #expect(try records(text) == [["Name", "Cost"], ["A", "1"], ["B", "2"]])
  }

  @Test func tellsEmptyQuotedStringsFromNulls() throws {
    let reader = CSVReader(source: TrickleByteSource("a,b,c,d\n,\"\",NULL,\"NULL\"\n", chunk: 5))
    #expect(try reader.nextRecord())
    #expect(try reader.nextRecord())
    #expect(reader.isNull(0))
    #expect(!reader.isNull(1) && reader.isQuoted(1) && reader.field(1).isEmpty)
    #expect(reader.isNull(2))
    #expect(!reader.isNull(3) && reader.string(3) == "NULL")
  }

  @Test func countsLinesInsideQuotedFields() throws {
    let reader = CSVReader(source: TrickleByteSource("h\n\"1\n2\n3\"\nnext\n", chunk: 4))
    var lines: [Int] = []
    while try reader.nextRecord() { lines.append(reader.recordLine) }
    #expect(lines == [1, 2, 5])
  }

  @Test func reportsAnUnterminatedQuoteWithItsLine() throws {
    let reader = CSVReader(source: TrickleByteSource("a,b\n1,2\n3,\"open\nstill open\n", chunk: 3))
    #expect(try reader.nextRecord())
    #expect(try reader.nextRecord())
    #expect(throws: CSVError.unterminatedQuote(line: 3)) { try reader.nextRecord() }
  }

  @Test func reportsTextAfterAClosingQuote() throws {
    let reader = CSVReader(source: TrickleByteSource("a,b\n\"x\"y,2\n", chunk: 64))
    #expect(try reader.nextRecord())
    #expect(throws: CSVError.characterAfterClosingQuote(line: 2, field: 0)) {
      try reader.nextRecord()
    }
  }

  @Test func keepsRecordsLargerThanTheInitialBuffer() throws {
    let big = String(repeating: "x", count: 3 << 20)
    #expect(try records("a,b\n\(big),1\n", chunk: 1 << 16) == [["a", "b"], [big, "1"]])
  }

  @Test func reportsTheFieldCountOfEachRecord() throws {
    let reader = CSVReader(source: TrickleByteSource("a,b,c\n1,2\n1,2,3,4\n", chunk: 64))
    var counts: [Int] = []
    while try reader.nextRecord() { counts.append(reader.fieldCount) }
    #expect(counts == [3, 2, 4])
  }

  @Test func readsGzipFilesAndRejectsFakeOnes() throws {
    let folder = TemporaryDirectory()
    let plain = folder.write("data.csv", "a,b\n1,2\n")
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gzip.arguments = ["-k", plain]
    try gzip.run()
    gzip.waitUntilExit()
    let reader = CSVReader(source: try ByteSources.open(path: plain + ".gz"))
    var rows: [[String]] = []
    while try reader.nextRecord() { rows.append(reader.strings()) }
    #expect(rows == [["a", "b"], ["1", "2"]])

    let fake = folder.write("fake.csv.gz", "a,b\n1,2\n")
    #expect(throws: InputError.notGzip(path: fake)) { try ByteSources.open(path: fake) }

    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
    let truncated = folder.write("cut.csv.gz", bytes: Array(bytes.prefix(bytes.count - 6)))
    let cut = CSVReader(source: try ByteSources.open(path: truncated))
    #expect(throws: CSVError.self) {
      while try cut.nextRecord() {}
    }
  }
}

import Testing

@testable import FinOpsKit

/// Property tests over generated input (a deterministic stand-in for fuzzing): whatever the
/// records and however the bytes are chunked, writing then reading gives the records back; and
/// arbitrary bytes never crash or hang the reader.
struct CSVReaderPropertyTests {
  private static let alphabet: [String] = [
    "a", "Z", "0", " ", ",", "\"", "\n", "\r\n", "é", "日", "🚀", "=", "-", "NULL", "\t",
  ]

  private func field(_ random: inout SeededGenerator) -> String {
    let length = Int(random.next() % 12)
    return (0..<length).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] }
      .joined()
  }

  private func encode(_ records: [[String]]) -> String {
    records.map { record in
      record.map { value in
        let needsQuotes =
          value.isEmpty || value.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
          || value == "NULL"
          || value.hasPrefix(" ") || value.hasSuffix(" ")
        return needsQuotes
          ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
      }.joined(separator: ",")
    }.joined(separator: "\r\n") + "\n"
  }

  @Test func writingThenReadingGivesTheRecordsBack() throws {
    var random = SeededGenerator(seed: 2026)
    for _ in 0..<300 {
      let width = Int(random.next() % 6) + 1
      let records = (0..<Int(random.next() % 20) + 1).map { _ in
        (0..<width).map { _ in field(&random) }
      }
      let chunk = Int(random.next() % 17) + 1
      let reader = CSVReader(source: TrickleByteSource(encode(records), chunk: chunk))
      var read: [[String]] = []
      while try reader.nextRecord() { read.append(reader.strings()) }
      #expect(read == records)
    }
  }

  @Test func arbitraryBytesNeverCrashOrHang() {
    var random = SeededGenerator(seed: 99)
    let interesting: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x00, 0xEF, 0xBB, 0xBF, 0x41, 0xFF]
    for _ in 0..<2_000 {
      let count = Int(random.next() % 200)
      let bytes = (0..<count).map { _ in
        random.next() % 2 == 0
          ? interesting[Int(random.next() % UInt64(interesting.count))]
          : UInt8(truncatingIfNeeded: random.next())
      }
      let reader = CSVReader(
        source: TrickleByteSource(bytes: bytes, chunk: Int(random.next() % 9) + 1)
      )
      var records = 0
      do {
        while try reader.nextRecord() {
          records += 1
          _ = reader.strings()
          #expect(records <= count + 1)
        }
      } catch {
        #expect(error.line != nil || error.reason.isEmpty == false)
      }
    }
  }
}

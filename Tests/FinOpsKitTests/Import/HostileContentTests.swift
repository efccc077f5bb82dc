import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Billing values that try to break the importer: huge cells, broken encodings, NUL bytes,
/// absurdly nested tags, spreadsheet formulas and markup.
struct HostileContentTests {
  private func ingest(_ rows: [String], in folder: TemporaryDirectory, bytes: [UInt8]? = nil)
    throws -> (SpendDatabase, Result<IngestReport, ImportError>)
  {
    let path =
      bytes.map { folder.write("hostile.csv", bytes: $0) }
      ?? folder.write("hostile.csv", TinyFOCUS.file(rows))
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    do {
      return (database, .success(try ingestor.ingest(IngestOptions(paths: [path]))))
    } catch {
      return (database, .failure(error))
    }
  }

  @Test func aOneMegabyteCellIsImportedWhole() throws {
    let folder = TemporaryDirectory()
    let huge = String(repeating: "x", count: 1 << 20)
    let (database, result) = try ingest(
      [TinyFOCUS.row(cost: "1.00", service: huge)],
      in: folder
    )
    #expect(try result.get().rowCount == 1)
    let length = try database.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT length(serviceName) FROM focusCharge")
    }
    #expect(length == 1 << 20)
  }

  @Test func formulasAndMarkupAreStoredAsPlainText() throws {
    let folder = TemporaryDirectory()
    let values = ["=HYPERLINK(1)", "+1-2", "@SUM(A1)", "<script>x</script>", "a|b", "-3"]
    let (database, result) = try ingest(
      values.map { TinyFOCUS.row(cost: "1.00", service: $0) },
      in: folder
    )
    #expect(try result.get().rowCount == 6)
    let stored = try database.writer.read { db in
      try String.fetchAll(db, sql: "SELECT serviceName FROM focusCharge ORDER BY sourceLine")
    }
    #expect(stored == values)
  }

  @Test func invalidUTF8IsRejectedWithItsLineAndColumn() throws {
    let folder = TemporaryDirectory()
    var bytes = Array(TinyFOCUS.file([TinyFOCUS.row(cost: "1.00", service: "Caf#")]).utf8)
    if let marker = bytes.firstIndex(of: UInt8(ascii: "#")) { bytes[marker] = 0xE9 }
    let (_, result) = try ingest([], in: folder, bytes: bytes)
    #expect(throws: ImportError.self) { try result.get() }
    if case .failure(let error) = result {
      #expect(
        error.description.contains(
          "hostile.csv:2: error: [focus] column 'ChargeDescription' is not valid UTF-8"
        )
      )
    }
  }

  @Test func aNULByteIsRejected() throws {
    let folder = TemporaryDirectory()
    let (_, result) = try ingest([TinyFOCUS.row(cost: "1.00", service: "EC2\u{0}")], in: folder)
    if case .failure(let error) = result {
      #expect(error.description.contains("column 'ChargeDescription' contains a NUL byte"))
    } else {
      Issue.record("a NUL byte was accepted")
    }
  }

  @Test func deeplyNestedOrBrokenTagsAreRejectedClearly() throws {
    let folder = TemporaryDirectory()
    let deep =
      String(repeating: "{\"\"a\"\":", count: 100) + "1" + String(repeating: "}", count: 100)
    for tags in ["\"\(deep)\"", "\"{\"\"team\"\": }\""] {
      let row = TinyFOCUS.row(cost: "1.00")
        .replacingOccurrences(of: "\"{\"\"team\"\":\"\"payments\"\"}\"", with: tags)
      let (_, result) = try ingest([row], in: folder)
      if case .failure(let error) = result {
        #expect(error.description.contains("column 'Tags' is not a JSON object"))
      } else {
        Issue.record("bad tags were accepted")
      }
    }
  }
}

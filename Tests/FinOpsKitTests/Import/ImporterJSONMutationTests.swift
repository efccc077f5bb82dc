import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// A property test of the JSON importers' row mapping.
///
/// The example fixtures (GCP billing export JSON Lines, OpenAI and Anthropic API pages) have
/// random values replaced by hostile ones (numbers as strings, huge numbers, nulls, wrong types,
/// nesting) or their bytes damaged (invalid UTF-8, NUL, truncation, deep nesting), seeded so a failure is reproducible, and are ingested with
/// `--skip-bad-rows`. Nothing may crash: the ingest either succeeds with every set-aside row
/// carrying a reason and the doctor finding nothing, or fails with an error naming the file and
/// leaves the database empty.
struct ImporterJSONMutationTests {
  static let registry = (try? ImporterRegistry.builtIn()) ?? ImporterRegistry(importers: [])
  static let rounds = 12

  /// Example fixtures of every importer that reads JSON: (importer id, file path).
  static let cases: [(importer: String, path: String)] = {
    registry.importers.flatMap { importer in
      importer.descriptor.examples.flatMap { example in
        [".jsonl", ".json"].compactMap { suffix in
          let path = Fixtures.path("importers/\(importer.descriptor.id)/\(example)\(suffix)")
          var isDirectory: ObjCBool = false
          guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
            !isDirectory.boolValue
          else { return nil }
          return (importer.descriptor.id, path)
        }
      }
    }
  }()

  @Test func everyJSONImporterHasMutationCases() {
    let importers = Set(Self.cases.map(\.importer))
    for id in ["gcp-billing-export", "openai-costs", "anthropic-cost-report"] {
      #expect(importers.contains(id), "\(id) has no JSON example")
    }
  }

  @Test(arguments: Self.cases.map { "\($0.importer)|\($0.path)" })
  func mutatedValuesAndBytesFailCleanlyOrImport(_ item: String) throws {
    let parts = item.split(separator: "|", maxSplits: 1).map(String.init)
    let (importer, fixture) = (parts[0], parts[1])
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture)))
    let name = URL(fileURLWithPath: fixture).lastPathComponent
    var random = SeededGenerator(seed: UInt64(truncatingIfNeeded: name.utf8.count &* 104_729))
    let folder = TemporaryDirectory()
    for round in 0..<Self.rounds {
      let bytes =
        round < Self.rounds * 2 / 3
        ? Self.mutatingValues(original, jsonLines: fixture.hasSuffix(".jsonl"), using: &random)
        : Self.damaging(original, using: &random)
      let path = folder.write("\(round)-\(name)", bytes: bytes)
      let context = "\(name) round \(round)"
      let database = try SpendDatabase.inMemory()
      do {
        _ = try Ingestor(database: database, registry: Self.registry)
          .ingest(IngestOptions(paths: [path], format: importer, skipBadRows: true))
      } catch {
        #expect(String(describing: error).contains(path), "\(context): \(error)")
        let charges = try database.writer.read { db in
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM charge") ?? 0
        }
        #expect(charges == 0, "\(context)")
        continue
      }
      let reasons = try database.writer.read { db in
        try String.fetchAll(db, sql: "SELECT reason FROM rejectedRow")
      }
      #expect(reasons.allSatisfy { !$0.isEmpty }, "\(context)")
      let doctor = try DatabaseDoctor.check(database)
      #expect(doctor.findings == [], "\(context): \(doctor.findings)")
    }
  }

  /// The document (or each line of JSON Lines) with one or two of its scalars replaced, so
  /// that over the rounds amounts, times and names are all hit (not only the first field).
  static func mutatingValues(_ bytes: [UInt8], jsonLines: Bool, using random: inout SeededGenerator)
    -> [UInt8]
  {
    let documents = jsonLines ? bytes.split(separator: 0x0A).map(Array.init) : [bytes]
    var output: [UInt8] = []
    for document in documents {
      guard
        var value = document.withUnsafeBufferPointer({ try? JSONParser.parse($0) })
      else {
        output += document
        continue
      }
      for _ in 0...(random.next() % 2) {
        var target = Int(random.next() % UInt64(max(scalarCount(value), 1)))
        value = replacing(value, scalar: &target, using: &random)
      }
      value.append(to: &output)
      output.append(0x0A)
    }
    return output
  }

  static func scalarCount(_ value: JSONValue) -> Int {
    switch value {
    case .object(let object): object.members.reduce(0) { $0 + scalarCount($1.value) }
    case .array(let elements): elements.reduce(0) { $0 + scalarCount($1) }
    default: 1
    }
  }

  /// The value with its `scalar`-th scalar (pre-order) replaced by a hostile value.
  static func replacing(_ value: JSONValue, scalar: inout Int, using random: inout SeededGenerator)
    -> JSONValue
  {
    switch value {
    case .object(let object):
      var copy = object
      for index in copy.members.indices where scalar >= 0 {
        copy.members[index].value = replacing(
          copy.members[index].value,
          scalar: &scalar,
          using: &random
        )
      }
      return .object(copy)
    case .array(let elements):
      var copy = elements
      for index in copy.indices where scalar >= 0 {
        copy[index] = replacing(copy[index], scalar: &scalar, using: &random)
      }
      return .array(copy)
    default:
      scalar -= 1
      return scalar == -1 ? HostileValues.json(using: &random) : value
    }
  }

  /// The bytes with invalid UTF-8, a NUL, deep nesting inserted, or cut short.
  static func damaging(_ bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
    var copy = bytes
    let at = Int(random.next() % UInt64(max(copy.count, 1)))
    switch random.next() % 4 {
    case 0: copy.insert(contentsOf: [0xFF, 0xC3, 0x28], at: at)
    case 1: copy.insert(0, at: at)
    case 2: copy.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "["), count: 10_000), at: at)
    default: copy = Array(copy.prefix(at))
    }
    return copy
  }
}

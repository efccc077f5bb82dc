import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct GeneratedFilesValidityTests {
  @Test func embeddedMappingsMatchTheImportersFolder() throws {
    let folder = Fixtures.packageRoot.appendingPathComponent("importers")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(
      BuiltinMappings.files.map(\.name) == names,
      "BuiltinMappings+Generated.swift is out of date. Please run 'swift run generate-builtins'."
    )
    for (name, text) in BuiltinMappings.files {
      let onDisk = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      #expect(
        text + "\n" == onDisk || text == onDisk,
        "\(name) differs from its embedded copy. Please run 'swift run generate-builtins'."
      )
    }
  }
}

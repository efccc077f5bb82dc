import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct ImporterRegistryTests {
  @Test func idsAreUniqueKebabCaseAndSorted() throws {
    let ids = try ImporterRegistry.builtIn().importers.map(\.descriptor.id)
    #expect(Set(ids).count == ids.count)
    #expect(ids == ids.sorted())
    for id in ids {
      #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id)")
    }
  }

  @Test func everyMappingFileInImportersIsRegistered() throws {
    let folder = Fixtures.packageRoot.appendingPathComponent("importers")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }
    let registered = Set(try ImporterRegistry.builtIn().importers.map(\.descriptor.id))
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let importer = try MappingImporter(yaml: text, source: file)
      #expect(registered.contains(importer.descriptor.id), "\(file) is not registered")
      #expect(file == "\(importer.descriptor.id).yaml", "file name must be the importer id")
    }
  }

  @Test func everyImporterHasItsExampleFixtures() throws {
    for importer in try ImporterRegistry.builtIn().importers {
      let descriptor = importer.descriptor
      #expect(!descriptor.examples.isEmpty, "\(descriptor.id) has no examples")
      let cases = Set(Fixtures.cases(for: descriptor.id))
      for example in descriptor.examples {
        #expect(cases.contains(example), "\(descriptor.id): fixture '\(example)' is missing")
      }
    }
  }

  @Test func aMappingDirectoryOverridesABuiltInById() throws {
    let folder = TemporaryDirectory()
    let original = try String(
      contentsOf: Fixtures.packageRoot.appendingPathComponent("importers/focus.yaml"),
      encoding: .utf8
    )
    folder.write(
      "focus.yaml",
      original.replacingOccurrences(of: "display_name: FOCUS", with: "display_name: Custom FOCUS")
    )
    let registry = try ImporterRegistry.builtIn().adding(directory: folder.url.path)
    #expect(registry.importer(id: "focus")?.descriptor.displayName.hasPrefix("Custom") == true)
    #expect(registry.importers.filter { $0.descriptor.id == "focus" }.count == 1)
  }

  @Test func aMappingNamingAnUnknownFieldIsRejected() {
    let yaml = """
      id: broken
      display_name: Broken
      summary: x
      examples: []
      detect: [Cost]
      versions: [{version: "1", required: [Cost]}]
      fields: {billed_costs: Cost}
      """
    #expect(throws: MappingError.unknownField(source: "broken.yaml", field: "billed_costs")) {
      try MappingImporter(yaml: yaml, source: "broken.yaml")
    }
  }
}

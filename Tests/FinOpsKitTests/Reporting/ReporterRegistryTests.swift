import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct ReporterRegistryTests {
  @Test func idsAndFileNamesAreUniqueAndSorted() {
    let ids = ReporterRegistry.builtIn.map { $0.identifier }
    #expect(ids == ids.sorted())
    #expect(Set(ids).count == ids.count)
    let files = ReporterRegistry.builtIn.map { "\($0.format)/\($0.fileName)" }
    #expect(Set(files).count == files.count)
  }

  @Test func everyReporterFileIsRegistered() throws {
    let folder = Fixtures.packageRoot.appendingPathComponent(
      "Sources/FinOpsKit/Reporting/Reporters"
    )
    let types = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix("Reporter.swift") }
      .map { String($0.dropLast(".swift".count)) }
      .sorted()
    let registered = ReporterRegistry.builtIn.map { String(describing: $0) }.sorted()
    #expect(types == registered)
  }

  @Test func everyFormatHasAReporterAndIdsAreKebabCase() {
    for format in ReportFormat.allCases {
      #expect(!ReporterRegistry.reporters(for: format).isEmpty, "no reporter for \(format)")
    }
    for reporter in ReporterRegistry.builtIn {
      #expect(reporter.identifier.allSatisfy { $0.isLowercase || $0 == "-" })
      #expect(!reporter.summary.isEmpty)
    }
  }

  @Test func embeddedTemplatesMatchTheReportsFolder() throws {
    let folder = Fixtures.packageRoot.appendingPathComponent("reports")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".mustache") }.sorted()
    #expect(
      BuiltinTemplates.files.map(\.name) == names,
      "BuiltinTemplates+Generated.swift is out of date. Please run 'swift run generate-builtins'."
    )
    for (name, text) in BuiltinTemplates.files {
      let onDisk = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      #expect(
        text + "\n" == onDisk || text == onDisk,
        "\(name) differs from its embedded copy. Please run 'swift run generate-builtins'."
      )
      _ = try Template(text, name: name)
    }
  }
}

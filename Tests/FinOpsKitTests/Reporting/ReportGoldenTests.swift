import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// Every reporter's output on fixed datasets, compared with its golden file.
///
/// Datasets are `Fixtures/datasets/<dataset>/`; golden files are
/// `Fixtures/golden/<reporter-id>/<case>.<ext>`. Record with `RECORD_GOLDEN=1`.
struct ReportGoldenTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var dataset: String
    var month: Int
    var asOfDay: Int?
    var description: String { name }
  }

  static let cases = [
    Case(name: "worked-month", dataset: "worked-month", month: 202610),
    Case(name: "worked-month-as-of-10", dataset: "worked-month", month: 202610, asOfDay: 10),
    Case(name: "hostile-values", dataset: "hostile-values", month: 202610),
  ]

  static func context(_ testCase: Case) throws -> ReportContext {
    let folder = Fixtures.path("datasets/\(testCase.dataset)")
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [folder + "/exports"]))
    let (configuration, _) = try ConfigurationLoader.load(path: folder + "/finops.yaml")
    let summary = try MonthSummaryBuilder(configuration: configuration)
      .build(month: ReportMonth(testCase.month), asOfDay: testCase.asOfDay, database: database)
    return ReportContext(summary: summary, configuration: configuration)
  }

  static let reporterIds = ReporterRegistry.builtIn.map { $0.identifier }

  @Test(arguments: cases, reporterIds)
  func matchesItsGoldenFile(_ testCase: Case, reporterId: String) throws {
    let reporter = try #require(ReporterRegistry.builtIn.first { $0.identifier == reporterId })
    let text = try reporter.init().render(try Self.context(testCase))
    let extensionName = (reporter.fileName as NSString).pathExtension
    let outcome = GoldenFile.compare(
      text,
      path: Fixtures.path("golden/\(reporterId)/\(testCase.name).\(extensionName)")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  @Test func aPilotsCostPerMillionTokensComesFromItsModelsTokens() throws {
    let summary = try Self.context(Self.cases[0]).summary
    let pilot = try #require(summary.pilots.first)
    // The copilot owns all gpt-4o spend (25.4706789 in proj_support) and so all its 8,889,471
    // tokens; its tts-1 spend (3.30) has no tokens and is left out.
    #expect(pilot.tokens == 8_889_471)
    let expected: Int128 = 25_470_678_900 * 1_000_000 / 8_889_471
    #expect(pilot.costPerMillionTokens.map { $0 == expected } == true)
    #expect(ReportNumber.money(pilot.costPerMillionTokens ?? 0) == "2.87")
    // AI spend follows the classification stored at ingest.
    #expect(summary.ai.byCategory.map(\.name) == ["ml-platform", "genai-api"])
    #expect(summary.ai.byProvider.map(\.name) == ["Google Cloud", "AWS", "OpenAI"])
  }
}

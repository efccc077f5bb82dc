import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// Alerts over the public FOCUS 1.0 sample in `../shared/samples/ai/focus`.
///
/// September 2024: AWS daily through the 30th, Microsoft daily through the 19th, Oracle now
/// and then, many sparsely used AWS sub-accounts. Skipped when the samples are absent.
struct AlertsRealSampleTests {
  static var sample: URL? {
    Fixtures.sharedSamples?.appendingPathComponent("ai/focus/focus_1.0_sample_1000rows.csv")
  }

  static func context(asOf date: String) throws -> AlertContext {
    let path = try #require(sample).path
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    let day = Int(try Timestamp.parse(date) / 86_400)
    return try AlertContextLoader(configuration: FinOpsConfiguration())
      .load(month: 202409, asOfDay: day, database: database)
  }

  @Test(.enabled(if: sample.map { FileManager.default.fileExists(atPath: $0.path) } ?? false))
  func sparselyUsedAccountsAreIdleNotStale() throws {
    // As of the 20th every regular source has data within 2 days; dozens of AWS sub-accounts
    // whose last charge is days earlier are not regular and must stay quiet.
    let context = try Self.context(asOf: "2024-09-20")
    #expect(context.freshness.contains { !$0.isRegular && $0.level == .subAccount })
    #expect(StaleDataRule().evaluate(context).isEmpty)
  }

  @Test(.enabled(if: sample.map { FileManager.default.fileExists(atPath: $0.path) } ?? false))
  func aProviderWhoseDailyDataStopsIsLate() throws {
    // As of 2024-10-05: AWS ends on 09-30 (5 days, warning), Microsoft on 09-19 (16 days, more
    // than 2 + 7: critical). Oracle's last charge is on 09-30 but it had data on 1 of the 7
    // days before: not regular, not judged.
    let alerts = StaleDataRule().evaluate(try Self.context(asOf: "2024-10-05"))
    #expect(alerts.map(\.subject) == ["provider:AWS", "provider:Microsoft"])
    #expect(alerts.map(\.severity) == [.warning, .critical])
    #expect(alerts.map(\.value) == [5_000_000_000, 16_000_000_000])
  }

  @Test(.enabled(if: sample.map { FileManager.default.fileExists(atPath: $0.path) } ?? false))
  func theSampleMonthRaisesNoAnomalyAtTheDefaultMinimumAmount() throws {
    // The sample's days are worth a few dollars: far below the 100.00 minimum.
    let context = try Self.context(asOf: "2024-09-30")
    #expect(!context.dailySeries.isEmpty)
    #expect(AnomalyRule().evaluate(context).isEmpty)
  }
}

import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Azure amortized cost details, alone and together with the actual-cost file of the same month:
/// neither BilledCost nor EffectiveCost is ever counted twice.
struct AzureAmortizedCostTests {
  static let actual = Fixtures.path(
    "importers/azure-cost-details/ea-actual-reservation-refund-rounding.csv"
  )
  static let amortized = Fixtures.path(
    "importers/azure-cost-details-amortized/ea-amortized-reservation-unused.csv"
  )
  /// Σ CostInBillingCurrency of the actual file: the invoice.
  static let invoiceTotal = "1859.48"
  /// Σ CostInBillingCurrency of the amortized file.
  static let amortizedTotal = "113.83"

  @Test(arguments: Fixtures.cases(for: "azure-cost-details-amortized"))
  func importsFixtureIntoGoldenNormalizedRows(name: String) throws {
    let folder = "importers/azure-cost-details-amortized"
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [Fixtures.path("\(folder)/\(name).csv")]))
    #expect(report.files.map(\.format) == ["azure-cost-details-amortized"])
    let outcome = GoldenFile.compare(
      try ChargeExport.csv(database),
      path: Fixtures.path("\(folder)/\(name).expected.csv")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  /// Alone, the amortized file's EffectiveCost is the sum of its cost column; BilledCost leaves
  /// out what a commitment covers (billed by the purchase, which only the actual file has).
  @Test(arguments: [
    ("ea-amortized-reservation-unused", "CostInBillingCurrency", "113.83", "107.83"),
    ("mca-amortized-savings-plan", "costInBillingCurrency", "38.54", "2.54"),
  ])
  func effectiveCostReconcilesWithTheCostColumnAlone(
    name: String,
    column: String,
    effective: String,
    billed: String
  ) throws {
    let path = Fixtures.path("importers/azure-cost-details-amortized/\(name).csv")
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(try DecimalColumnSum.sum(column: column, csvPath: path).roundedToCents == effective)
    #expect(try Self.totals(database) == Totals(billed: billed, effective: effective))
  }

  /// Actual then amortized, amortized then actual, or both in one batch: BilledCost is the
  /// invoice and EffectiveCost the amortized total, and `finops doctor` finds nothing wrong.
  @Test(arguments: ["actual first", "amortized first", "one batch"])
  func bothViewsOfAMonthAreCountedOnce(order: String) throws {
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    switch order {
    case "actual first":
      _ = try ingestor.ingest(IngestOptions(paths: [Self.actual]))
      _ = try ingestor.ingest(IngestOptions(paths: [Self.amortized]))
    case "amortized first":
      _ = try ingestor.ingest(IngestOptions(paths: [Self.amortized]))
      _ = try ingestor.ingest(IngestOptions(paths: [Self.actual]))
    default:
      let report = try ingestor.ingest(IngestOptions(paths: [Self.actual, Self.amortized]))
      #expect(
        report.files.map(\.format) == ["azure-cost-details", "azure-cost-details-amortized"]
      )
      #expect(
        report.combinations.map { "\($0.format) \($0.cleared)" } == [
          "azure-cost-details EffectiveCost", "azure-cost-details-amortized BilledCost",
        ]
      )
      #expect(report.scopes.map(\.billedCost).reduce(0, +) == 1_859_480_400_000)
    }
    #expect(
      try Self.totals(database)
        == Totals(billed: Self.invoiceTotal, effective: Self.amortizedTotal)
    )
    #expect(try DatabaseDoctor.check(database).findings.isEmpty)
    // Usage measures are on the amortized rows only, so quantities are not doubled either.
    let quantity = try database.writer.read { db in
      try Double.fetchOne(db, sql: "SELECT SUM(consumedQuantity) FROM charge")
    }
    let amortizedOnly = try SpendDatabase.inMemory()
    _ = try Ingestor(database: amortizedOnly, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [Self.amortized]))
    let expectedQuantity = try amortizedOnly.writer.read { db in
      try Double.fetchOne(db, sql: "SELECT SUM(consumedQuantity) FROM charge")
    }
    #expect(quantity == expectedQuantity)
  }

  /// A re-delivered actual file replaces the earlier one and is combined again.
  @Test func aRedeliveredViewIsCombinedAgain() throws {
    let folder = TemporaryDirectory()
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    _ = try ingestor.ingest(IngestOptions(paths: [Self.actual, Self.amortized]))
    let restated = try String(contentsOfFile: Self.actual, encoding: .utf8)
      .replacingOccurrences(of: ",95,CC-100,", with: ",96,CC-100,")
    let report = try ingestor.ingest(
      IngestOptions(paths: [folder.write("actual-restated.csv", restated)])
    )
    #expect(report.replacements.count == 1)
    #expect(report.scopes.map(\.effectiveCost) == [0])
    #expect(try Self.totals(database) == Totals(billed: "1860.48", effective: "113.83"))
  }

  @Test func amortizedFilesAreToldApartByTheirPath() throws {
    let registry = try ImporterRegistry.builtIn()
    let amortized = try InputFiles.sample(Self.amortized)
    #expect(
      registry.recognizers(of: amortized).map(\.importer.descriptor.id)
        == ["azure-cost-details-amortized"]
    )
    let folder = TemporaryDirectory()
    let copy = folder.write(
      "export-part-1.csv",
      try String(contentsOfFile: Self.amortized, encoding: .utf8)
    )
    #expect(
      registry.recognizers(of: try InputFiles.sample(copy)).map(\.importer.descriptor.id)
        == ["azure-cost-details"]
    )
  }

  /// The real amortized sample from Microsoft's FinOps toolkit: reservation and savings plan
  /// usage carry their amortized cost, which is not billed.
  @Test(.enabled(if: Fixtures.sharedSamples != nil))
  func reconcilesTheRealEAAmortizedSampleToTheCent() throws {
    let path = try #require(Fixtures.sharedSamples)
      .appendingPathComponent("azure/finops_toolkit_EA_AmortizedCost_Small.csv").path
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(report.files.map(\.format) == ["azure-cost-details-amortized"])
    let reference = try DecimalColumnSum.sum(column: "Cost", csvPath: path)
    #expect(report.rowCount == Int64(reference.rows))
    let totals = try Self.totals(database)
    #expect(totals.effective == reference.roundedToCents)
    let committed = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT billedCostNanos, effectiveCostNanos, commitmentDiscountType
          FROM focusCharge WHERE pricingCategory = 'Committed'
          """
      )
    }
    #expect(committed.count == 2)
    for row in committed {
      #expect(row[0] == 0 as Int64)
      #expect((row[1] as Int64) > 0)
    }
  }

  struct Totals: Equatable, CustomStringConvertible {
    var billed: String
    var effective: String
    var description: String { "billed \(billed), effective \(effective)" }
  }

  static func totals(_ database: SpendDatabase) throws -> Totals {
    let row = try database.writer.read { db in
      try Row.fetchOne(
        db,
        sql: "SELECT SUM(billedCostNanos), SUM(effectiveCostNanos) FROM charge"
      )
    }
    let billed: Int64 = try #require(row)[0]
    let effective: Int64 = try #require(row)[1]
    return Totals(
      billed: Money.format(Int128(billed)),
      effective: Money.format(Int128(effective))
    )
  }
}

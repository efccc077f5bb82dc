import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Azure cost details (EA and MCA, actual cost): golden normalized rows, reconciliation with the
/// source's cost column, FOCUS meanings, tags, dates and detection.
struct AzureCostDetailsImporterTests {
  static let folder = "importers/azure-cost-details"

  @Test(arguments: Fixtures.cases(for: "azure-cost-details"))
  func importsFixtureIntoGoldenNormalizedRows(name: String) throws {
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [Fixtures.path("\(Self.folder)/\(name).csv")]))
    #expect(report.files.map(\.format) == ["azure-cost-details"])
    let outcome = GoldenFile.compare(
      try ChargeExport.csv(database),
      path: Fixtures.path("\(Self.folder)/\(name).expected.csv")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  /// The imported BilledCost total equals an independent exact sum of the invoice-level cost
  /// column, refunds, rounding adjustments and tax included.
  @Test(arguments: [
    ("ea-actual-reservation-refund-rounding", "CostInBillingCurrency", "1859.48", 8),
    ("ea-actual-toolkit-sample", "Cost", "8.55", 11),
    ("mca-actual-camel-case", "costInBillingCurrency", "1097.54", 6),
  ])
  func billedCostReconcilesWithTheCostColumnToTheCent(
    name: String,
    column: String,
    expected: String,
    rows: Int
  ) throws {
    let path = Fixtures.path("\(Self.folder)/\(name).csv")
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    let reference = try DecimalColumnSum.sum(column: column, csvPath: path)
    #expect(reference.roundedToCents == expected)
    #expect(reference.rows == rows)
    #expect(report.rowCount == Int64(rows))
    let totals = try database.writer.read { db in
      try Row.fetchOne(
        db,
        sql: "SELECT SUM(billedCostNanos), SUM(effectiveCostNanos) FROM charge"
      )
    }
    let billed: Int64 = try #require(totals)[0]
    let effective: Int64 = try #require(totals)[1]
    #expect(Money.format(Int128(billed)) == expected)
    // An actual-cost file alone gives the same effective total: commitments count when bought.
    #expect(effective == billed)
  }

  @Test func chargeTypesBecomeFOCUSCategoriesAndCommitmentFields() throws {
    let rows = try Self.importRows("ea-actual-reservation-refund-rounding")
    let byDescription = Dictionary(
      rows.map { (($0["chargeDescription"] as String?) ?? "", $0) },
      uniquingKeysWith: { first, _ in first }
    )
    let purchase = try #require(
      byDescription["Reserved VM Instance, Standard_D8s_v5, West Europe, 1 Year"]
    )
    #expect(purchase["chargeCategory"] == "Purchase")
    #expect(purchase["chargeFrequency"] == "One-Time")
    #expect(purchase["commitmentDiscountType"] == "Reservation")
    #expect(purchase["commitmentDiscountCategory"] == "Usage")
    #expect(purchase["pricingCategory"] == "Committed")
    let covered = try #require(byDescription["Virtual Machines Dv5 Series - D8s v5 - EU West"])
    #expect(covered["commitmentDiscountStatus"] == "Used")
    #expect(covered["commitmentDiscountId"] == "7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b")
    #expect(covered["billedCostNanos"] == 0 as Int64)
    let refund = try #require(
      byDescription["Reserved VM Instance, Standard_D4s_v4, West Europe, 1 Year"]
    )
    #expect(refund["chargeCategory"] == "Credit")
    #expect(refund["chargeClass"] == "Correction")
    #expect(refund["billedCostNanos"] == -350_750_000_000 as Int64)
    let rounding = try #require(byDescription["Rounding adjustment"])
    #expect(rounding["chargeCategory"] == "Adjustment")
    let spot = try #require(
      byDescription["Virtual Machines Dasv5 Series - D2as v5 - Spot - EU North"]
    )
    #expect(spot["pricingCategory"] == "Dynamic")
    #expect(spot["subAccountName"] == "search-prod")
    #expect(spot["serviceName"] == "Virtual Machines")
    #expect(spot["serviceCategory"] == "Compute")
    #expect(spot["billingCurrency"] == "EUR")
  }

  @Test func tagsWithAndWithoutBracesBecomeOneJSONObjectAndEmptyTagsAreNull() throws {
    let rows = try Self.importRows("ea-actual-reservation-refund-rounding")
    let tags = rows.map { $0["tags"] as String? }
    let objects = try tags.compactMap { text -> [String: String]? in
      guard let text else { return nil }
      return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
    }
    #expect(objects.contains(["team": "payments", "env": "prod"]))
    #expect(objects.contains(["team": "search", "cost-center": "CC-200"]))
    #expect(objects.contains(["team": "search", "note": "says \"hi\", with a comma"]))
    #expect(tags.filter { $0 == nil }.count == 3)
  }

  @Test func usStyleDatesAndInclusiveEndDatesBecomeExclusiveUTCPeriods() throws {
    let rows = try Self.importRows("ea-actual-toolkit-sample")
    let purchase = try #require(rows.first { $0["chargeCategory"] == "Purchase" })
    #expect(Timestamp.iso8601(purchase["chargePeriodStart"]) == "2023-09-21T00:00:00Z")
    #expect(Timestamp.iso8601(purchase["chargePeriodEnd"]) == "2023-09-22T00:00:00Z")
    #expect(Timestamp.iso8601(purchase["billingPeriodStart"]) == "2023-09-01T00:00:00Z")
    #expect(Timestamp.iso8601(purchase["billingPeriodEnd"]) == "2023-10-01T00:00:00Z")
    // The file starts with a UTF-8 BOM; the first column is still found.
    #expect(purchase["billingAccountId"] == "8611537")
  }

  /// Older schemas name the cost `Cost` or `PreTaxCost` and the currency `BillingCurrency`; an
  /// unknown charge type keeps its Azure name as ChargeCategory.
  @Test(arguments: [("Cost", "cost"), ("PreTaxCost", "pre-tax-cost")])
  func olderCostColumnsAreReadAndUnknownChargeTypesKeepTheirName(
    column: String,
    version: String
  ) throws {
    let folder = TemporaryDirectory()
    let original = try String(
      contentsOfFile: Fixtures.path("\(Self.folder)/ea-actual-reservation-refund-rounding.csv"),
      encoding: .utf8
    )
    let renamed =
      original
      .replacingOccurrences(of: ",CostInBillingCurrency,", with: ",\(column),")
      .replacingOccurrences(of: ",BillingCurrencyCode,", with: ",BillingCurrency,")
      .replacingOccurrences(of: ",RoundingAdjustment,", with: ",FutureChargeType,")
    let path = folder.write("older.csv", renamed)
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(report.files.map(\.version) == [version])
    #expect(report.scopes.map(\.billedCost) == [1_859_480_400_000])
    #expect(report.scopes.map(\.currency) == ["EUR"])
    let categories = try database.writer.read { db in
      try String.fetchAll(db, sql: "SELECT DISTINCT chargeCategory FROM focusCharge ORDER BY 1")
    }
    #expect(categories == ["Credit", "FutureChargeType", "Purchase", "Usage"])
  }

  @Test(arguments: Fixtures.cases(for: "azure-cost-details"))
  func detectionPicksAzureAndNotFOCUS(name: String) throws {
    let sample = try InputFiles.sample(Fixtures.path("\(Self.folder)/\(name).csv"))
    let matches = try ImporterRegistry.builtIn().recognizers(of: sample)
    #expect(matches.map(\.importer.descriptor.id) == ["azure-cost-details"])
  }

  /// Microsoft's FOCUS 1.0 export (with its `x_` columns) is read by the FOCUS importer, not by
  /// the cost details mappings, and keeps its Azure columns as extras.
  @Test func azureFOCUSExportIsDetectedAsFOCUS() throws {
    let path = Fixtures.path("importers/focus/focus-1.0-azure-export.csv")
    let matches = try ImporterRegistry.builtIn().recognizers(of: try InputFiles.sample(path))
    #expect(matches.map(\.importer.descriptor.id) == ["focus"])
    #expect(matches.first?.version == "1.0")
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(report.files.map(\.format) == ["focus"])
    let reference = try DecimalColumnSum.sum(column: "BilledCost", csvPath: path)
    let row = try database.writer.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT SUM(billedCostNanos), SUM(effectiveCostNanos),
            json_extract(MAX(extras), '$.x_SkuMeterCategory') FROM charge
          """
      )
    }
    let totals = try #require(row)
    #expect(Money.format(Int128(totals[0] as Int64)) == reference.roundedToCents)
    #expect(Money.format(Int128(totals[1] as Int64)) == "37.75")
    #expect((totals[2] as String?) != nil)
  }

  /// The real EA actual-cost sample from Microsoft's FinOps toolkit (BOM, `Cost`, US dates).
  @Test(.enabled(if: Fixtures.sharedSamples != nil))
  func reconcilesTheRealEAActualSampleToTheCent() throws {
    let path = try #require(Fixtures.sharedSamples)
      .appendingPathComponent("azure/finops_toolkit_EA_ActualCost_Small.csv").path
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(report.files.map(\.format) == ["azure-cost-details"])
    #expect(report.files.map(\.version) == ["cost"])
    let reference = try DecimalColumnSum.sum(column: "Cost", csvPath: path)
    let billed = try database.writer.read { db in
      try Int64.fetchOne(db, sql: "SELECT SUM(billedCostNanos) FROM charge") ?? 0
    }
    #expect(Money.format(Int128(billed)) == reference.roundedToCents)
    #expect(report.rowCount == Int64(reference.rows))
    let taggedRows = try database.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM focusCharge WHERE tags IS NOT NULL")
    }
    #expect(taggedRows == 9)
  }

  static func importRows(_ name: String) throws -> [Row] {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [Fixtures.path("\(folder)/\(name).csv")]))
    return try database.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM focusCharge ORDER BY sourceLine")
    }
  }
}

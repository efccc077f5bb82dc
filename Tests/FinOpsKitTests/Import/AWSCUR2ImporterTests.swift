import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The AWS CUR 2.0 (Data Exports) mapping (`importers/aws-cur-2.yaml`): golden rows,
/// reconciliation, the JSON map columns, and parity with the legacy CUR mapping.
struct AWSCUR2ImporterTests {
  static func fixture(_ name: String) -> String {
    Fixtures.path("importers/aws-cur-2/\(name).csv")
  }

  @Test(arguments: Fixtures.cases(for: "aws-cur-2"))
  func importsFixtureIntoGoldenNormalizedRows(name: String) throws {
    let (database, report) = try AWSCURImporterTests.ingest([Self.fixture(name)])
    #expect(report.files.map(\.format) == ["aws-cur-2"])
    #expect(report.files.map(\.version) == ["2.0"])
    let outcome = GoldenFile.compare(
      try ChargeExport.csv(database),
      path: Fixtures.path("importers/aws-cur-2/\(name).expected.csv")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  @Test(arguments: Fixtures.cases(for: "aws-cur-2"))
  func billedCostReconcilesWithUnblendedCostToTheCent(name: String) throws {
    let path = Self.fixture(name)
    let (database, report) = try AWSCURImporterTests.ingest([path])
    let expected = try DecimalColumnSum.sum(column: "line_item_unblended_cost", csvPath: path)
    #expect(try AWSCURImporterTests.totals(database).billed == expected.roundedToCents)
    #expect(report.rowCount == Int64(expected.rows))
  }

  /// The same hand-computed amortized month as the legacy fixture (see
  /// `AWSCURImporterTests.effectiveCostIsTheHandComputedAmortizedTotal`).
  @Test func effectiveCostIsTheHandComputedAmortizedTotal() throws {
    let (database, _) = try AWSCURImporterTests.ingest([Self.fixture("aws-cur-2-commitments")])
    let total = try AWSCURImporterTests.totals(database)
    #expect(total.effective == "1147.68")
    #expect(total.billed == "5727.68")
  }

  /// Each pair of fixtures describes the same line items in both layouts: every FOCUS meaning
  /// derived from them is the same.
  @Test(arguments: ["commitments", "credits-refunds-tax", "usage-tags"])
  func cur2AndLegacyCURGiveTheSameCharges(name: String) throws {
    let columns = """
      billingAccountId, subAccountId, billingCurrency, billingPeriodStart, chargePeriodStart,
      chargePeriodEnd, chargeCategory, chargeClass, chargeFrequency, chargeDescription,
      billedCostNanos, effectiveCostNanos, listCostNanos, listUnitPrice, pricingCategory,
      pricingQuantity, pricingUnit, serviceName, serviceCategory, regionId, regionName,
      availabilityZone, resourceId, skuId, skuMeter, commitmentDiscountId,
      commitmentDiscountType, commitmentDiscountCategory, invoiceId, invoiceIssuerName
      """
    func charges(_ path: String) throws -> [[DatabaseValue]] {
      let (database, _) = try AWSCURImporterTests.ingest([path])
      return try database.writer.read { db in
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM focusCharge ORDER BY sourceLine")
          .map { Array($0.databaseValues) }
      }
    }
    let legacy = try charges(Fixtures.path("importers/aws-cur/aws-cur-\(name).csv"))
    let current = try charges(Self.fixture("aws-cur-2-\(name)"))
    #expect(!legacy.isEmpty)
    #expect(current == legacy)
  }

  @Test func tagsFromTheResourceTagsMapAreNormalizedLikeLegacyColumns() throws {
    let (database, _) = try AWSCURImporterTests.ingest([Self.fixture("aws-cur-2-usage-tags")])
    let rows = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT tags, extras, subAccountName FROM focusCharge ORDER BY sourceLine"
      )
    }
    let first: String = rows[0][0]
    let tags = try #require(
      try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: String]
    )
    #expect(
      tags == [
        "team": "ai-lab", "cost_center": "CC-410",
        "aws:createdBy": "AssumedRole:AROAEXAMPLE:trainer",
      ]
    )
    #expect(rows[1][0] as String? == #"{"team":"support","pilot":"support-copilot"}"#)
    #expect(rows[2][0] as String? == nil)
    // The map columns feed fields, so they are not repeated in extras; unknown columns are kept.
    let extras: String = rows[0][1]
    #expect(extras.contains(#""line_item_net_unblended_cost":"31.1340""#))
    #expect(!extras.contains("resource_tags"))
    #expect(rows[0][2] as String? == "ai-lab")
  }

  @Test func aPartFromAnotherBillingPeriodRejectsTheDelivery() throws {
    let folder = TemporaryDirectory()
    let text = try String(
      contentsOfFile: Self.fixture("aws-cur-2-credits-refunds-tax"),
      encoding: .utf8
    )
    folder.write("export/data/part-00001.csv", text)
    folder.write(
      "export/data/part-00002.csv",
      text.replacingOccurrences(of: "2026-10-01T00:00:00Z", with: "2026-11-01T00:00:00Z")
        .replacingOccurrences(of: "2026-09-01T00:00:00Z", with: "2026-10-01T00:00:00Z")
    )
    let database = try SpendDatabase.inMemory()
    let before = try DatabaseSnapshot.dump(database)
    #expect {
      _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [folder.path("export")]))
    } throws: { error in
      (error as? ImportError)?.description.contains(
        "part-00002.csv: error: [aws-cur-2] part is for billing period 2026-10 but its sibling "
          + "part"
      ) == true
    }
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  @Test func aMissingCostColumnIsNamed() throws {
    let folder = TemporaryDirectory()
    let text = try String(contentsOfFile: Self.fixture("aws-cur-2-usage-tags"), encoding: .utf8)
    let path = folder.write(
      "cur2.csv",
      text.replacingOccurrences(of: ",line_item_unblended_cost,", with: ",line_item_cost,")
    )
    let database = try SpendDatabase.inMemory()
    #expect {
      _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [path], format: "aws-cur-2"))
    } throws: { error in
      (error as? ImportError)?.description.hasSuffix(
        "cur2.csv:1: error: [aws-cur-2] missing mandatory aws-cur-2 2.0 column "
          + "'line_item_unblended_cost'"
      ) == true
    }
  }

  /// Legacy columns exported through CUR 2.0's SQL (`resource_tags_user_team`) are tags too.
  @Test func spelledOutTagColumnsAreCollected() throws {
    let folder = TemporaryDirectory()
    let header =
      "bill_payer_account_id,bill_billing_period_start_date,bill_billing_period_end_date,"
      + "line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,"
      + "line_item_unblended_cost,line_item_currency_code,line_item_product_code,"
      + "resource_tags_user_team,resource_tags_aws_created_by"
    let row =
      "111122223333,2026-09-01T00:00:00Z,2026-10-01T00:00:00Z,Usage,2026-09-02T00:00:00Z,"
      + "2026-09-03T00:00:00Z,4.20,USD,AmazonS3,search,Root:111122223333"
    let path = folder.write("cur2.csv", header + "\n" + row + "\n")
    let (database, report) = try AWSCURImporterTests.ingest([path])
    #expect(report.files.map(\.format) == ["aws-cur-2"])
    let tags = try database.writer.read { db in
      try String.fetchOne(db, sql: "SELECT tags FROM focusCharge")
    }
    #expect(tags == #"{"team":"search","aws:created_by":"Root:111122223333"}"#)
  }
}

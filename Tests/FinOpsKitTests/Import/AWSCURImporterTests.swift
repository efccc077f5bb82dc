import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The legacy AWS Cost and Usage Report mapping (`importers/aws-cur.yaml`): golden rows, FOCUS
/// meanings of each line item type, reconciliation with the source, and bad deliveries.
struct AWSCURImporterTests {
  static func ingest(_ paths: [String]) throws -> (SpendDatabase, IngestReport) {
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: paths))
    return (database, report)
  }

  static func totals(_ database: SpendDatabase, _ filter: String = "1") throws -> (
    billed: String, effective: String
  ) {
    try database.writer.read { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT COALESCE(SUM(billedCostNanos), 0), COALESCE(SUM(effectiveCostNanos), 0)
          FROM charge JOIN chargeProfile p ON p.id = charge.profileId WHERE \(filter)
          """
      )
      let billed: Int64 = row?[0] ?? 0
      let effective: Int64 = row?[1] ?? 0
      return (Money.format(Int128(billed)), Money.format(Int128(effective)))
    }
  }

  @Test(arguments: Fixtures.cases(for: "aws-cur"))
  func importsFixtureIntoGoldenNormalizedRows(name: String) throws {
    let (database, report) = try Self.ingest([Fixtures.path("importers/aws-cur/\(name).csv")])
    #expect(report.files.map(\.format) == ["aws-cur"])
    let outcome = GoldenFile.compare(
      try ChargeExport.csv(database),
      path: Fixtures.path("importers/aws-cur/\(name).expected.csv")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  /// BilledCost is the invoice's unblended cost, credits, refunds, discounts and tax included.
  @Test(arguments: Fixtures.cases(for: "aws-cur"))
  func billedCostReconcilesWithUnblendedCostToTheCent(name: String) throws {
    let path = Fixtures.path("importers/aws-cur/\(name).csv")
    let (database, report) = try Self.ingest([path])
    let expected = try DecimalColumnSum.sum(column: "lineItem/UnblendedCost", csvPath: path)
    #expect(try Self.totals(database).billed == expected.roundedToCents)
    #expect(report.rowCount == Int64(expected.rows))
  }

  @Test(.enabled(if: Fixtures.sharedSamples != nil))
  func reconcilesTheRealLegacyCURSampleToTheCent() throws {
    let path = try #require(Fixtures.sharedSamples)
      .appendingPathComponent("aws-cur/focus_converters_aws_cur_legacy_1281rows.csv").path
    let (database, report) = try Self.ingest([path])
    #expect(report.files.map(\.format) == ["aws-cur"])
    let expected = try DecimalColumnSum.sum(column: "lineItem/UnblendedCost", csvPath: path)
    #expect(report.rowCount == Int64(expected.rows))
    #expect(try Self.totals(database).billed == expected.roundedToCents)
    let taxRows = try database.writer.read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) FROM charge JOIN chargeProfile p ON p.id = charge.profileId
          WHERE p.chargeCategory = 'Tax'
          """
      )
    }
    #expect(taxRows == 12)
  }

  /// EffectiveCost equals the hand-computed amortized month of the commitments fixture.
  ///
  /// Savings Plan 1 commits 720.00
  /// (650.00 used by covered usage at 400.00 + 250.00, 70.00 unused); Savings Plan 2 amortizes
  /// 100.00 upfront + 100.00 recurring, all used by 200.00 of covered usage; the reservation
  /// costs 140.00 for its used hours and 30.00 unused (20.00 upfront + 10.00 recurring); plus a
  /// 12.00 domain fee and 45.6789 of on-demand storage. Upfront fees (1,200.00 and 3,600.00) and
  /// the negations are billed but carry no effective cost.
  @Test func effectiveCostIsTheHandComputedAmortizedTotal() throws {
    let (database, _) = try Self.ingest([
      Fixtures.path("importers/aws-cur/aws-cur-commitments.csv")
    ])
    let total = try Self.totals(database)
    #expect(total.effective == "1147.68")
    #expect(total.billed == "5727.68")
    let byType = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT p.skuMeter, p.chargeCategory,
            SUM(effectiveCostNanos)
          FROM charge JOIN chargeProfile p ON p.id = charge.profileId
          GROUP BY 1, 2 ORDER BY 1, 2
          """
      ).map { row -> String in
        let type: String? = row[0]
        let category: String = row[1]
        let nanos: Int64 = row[2]
        return "\(type ?? "-") \(category) \(Money.format(Int128(nanos)))"
      }
    }
    #expect(byType.contains("ComputeSP:1yrNoUpfront Purchase 70.00"))
    #expect(byType.contains("ComputeSP:1yrPartialUpfront Purchase 0.00"))
    #expect(byType.contains("HeavyUsage:r6i.2xlarge Purchase 30.00"))
    #expect(byType.contains("USE1-HeavyUsage:r6i.2xlarge Usage 140.00"))
    #expect(byType.contains("Global-Domain-Registration Purchase 12.00"))
  }

  @Test func lineItemTypesGetTheirFOCUSCategoriesAndFrequencies() throws {
    let (database, _) = try Self.ingest([
      Fixtures.path("importers/aws-cur/aws-cur-credits-refunds-tax.csv")
    ])
    let rows = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT json_extract(extras, '$."identity/LineItemId"'), p.chargeCategory,
            p.chargeClass, p.chargeFrequency
          FROM charge JOIN chargeProfile p ON p.id = charge.profileId ORDER BY sourceLine
          """
      ).map { row -> String in
        let values: [String?] = [row[0], row[1], row[2], row[3]]
        return values.map { $0 ?? "-" }.joined(separator: " ")
      }
    }
    #expect(
      rows == [
        "li0001 Usage - Usage-Based",  // Usage
        "li0002 Usage - Usage-Based",  // Usage
        "li0003 Credit - One-Time",  // Credit
        "li0004 Adjustment Correction One-Time",  // Refund
        "li0005 Credit - Usage-Based",  // EdpDiscount
        "li0006 Tax - Recurring",  // Tax
        "li0007 Tax - Recurring",  // Tax
      ]
    )
  }

  @Test func tagsBecomeOneObjectWithAWSTagsUnderTheirOwnKeys() throws {
    let (database, _) = try Self.ingest([
      Fixtures.path("importers/aws-cur/aws-cur-usage-tags.csv")
    ])
    let rows = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT p.tags, charge.extras FROM charge
          JOIN chargeProfile p ON p.id = charge.profileId ORDER BY sourceLine
          """
      )
    }
    let tags: [[String: String]] = try rows.map { row in
      let text: String? = row[0]
      guard let text else { return [:] }
      return try #require(
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
      )
    }
    #expect(
      tags[0] == [
        "team": "ai-lab", "cost-center": "CC-410",
        "aws:createdBy":
          "AssumedRole:AROAEXAMPLE:trainer",
      ]
    )
    #expect(tags[1] == ["team": "support", "pilot": "support-copilot"])
    #expect(tags[2] == [:])
    // A column the mapping does not know is kept in extras, not an error.
    let extras: String = rows[0][1]
    #expect(extras.contains("\"lineItem/NetUnblendedCost\":\"31.1340\""))
  }
}

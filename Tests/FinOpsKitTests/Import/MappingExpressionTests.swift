import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// The expression forms of mapping fields: constants, defaults, `by`/`cases`, `sum`,
/// `difference` and `collect`, on a small CUR-like export.
struct MappingExpressionTests {
  static let mapping = """
    id: mini-cur
    display_name: Mini CUR
    summary: A CUR-shaped test format.
    examples: []
    detect: [lineItem/LineItemType, lineItem/UnblendedCost]
    versions: [{version: "1", required: [lineItem/LineItemType, lineItem/UnblendedCost]}]
    fields:
      billing_account_id: bill/PayerAccountId
      billing_currency: {columns: [lineItem/CurrencyCode], default: USD}
      billing_period_start: bill/BillingPeriodStartDate
      billing_period_end: bill/BillingPeriodEndDate
      charge_period_start: lineItem/UsageStartDate
      charge_period_end: lineItem/UsageEndDate
      billed_cost: lineItem/UnblendedCost
      effective_cost:
        by: lineItem/LineItemType
        cases:
          SavingsPlanCoveredUsage: savingsPlan/SavingsPlanEffectiveCost
          SavingsPlanNegation: {value: "0"}
          RIFee:
            sum: [reservation/UnusedAmortizedUpfrontFeeForBillingPeriod, reservation/UnusedRecurringFee]
          SavingsPlanRecurringFee:
            difference: [savingsPlan/TotalCommitmentToDate, savingsPlan/UsedCommitment]
        else: lineItem/UnblendedCost
      charge_category:
        by: lineItem/LineItemType
        cases: {Tax: {value: Tax}, Credit: {value: Credit}, RIFee: {value: Purchase},
          SavingsPlanRecurringFee: {value: Purchase}}
        else: {value: Usage}
      tags:
        collect:
          - prefix: "resourceTags/user:"
          - {prefix: "resourceTags/aws:", key_prefix: "aws:"}
    """

  static let header = [
    "bill/PayerAccountId", "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate",
    "lineItem/UsageStartDate", "lineItem/UsageEndDate", "lineItem/LineItemType",
    "lineItem/UnblendedCost", "savingsPlan/SavingsPlanEffectiveCost",
    "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedRecurringFee",
    "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment", "resourceTags/user:team",
    "resourceTags/aws:createdBy", "product/region",
  ].joined(separator: ",")

  static func row(_ type: String, _ cost: String, _ extra: [String] = [], team: String = "")
    -> String
  {
    var cells = [
      "111", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", "2026-10-02T00:00:00Z",
      "2026-10-02T01:00:00Z", type, cost,
    ]
    cells += extra + Array(repeating: "", count: 5 - extra.count)
    cells += [team, team.isEmpty ? "" : "alice", "us-east-1"]
    return cells.joined(separator: ",")
  }

  private func importRows(_ rows: [String]) throws -> [Row] {
    let folder = TemporaryDirectory()
    folder.write("mappings/mini-cur.yaml", Self.mapping)
    let path = folder.write("cur.csv", ([Self.header] + rows).joined(separator: "\n") + "\n")
    let registry = try ImporterRegistry.builtIn().adding(directory: folder.path("mappings"))
    let database = try SpendDatabase.inMemory()
    // The built-in aws-cur mapping recognizes this header too.
    _ = try Ingestor(database: database, registry: registry).ingest(
      IngestOptions(paths: [path], format: "mini-cur")
    )
    return try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT billedCostNanos, effectiveCostNanos, chargeCategory, tags, billingCurrency,
            extras FROM focusCharge ORDER BY sourceLine
          """
      )
    }
  }

  @Test func choosesEffectiveCostAndCategoryByLineItemType() throws {
    let rows = try importRows([
      Self.row("Usage", "1.50", team: "payments"),
      Self.row("SavingsPlanCoveredUsage", "2.00", ["1.20"]),
      Self.row("SavingsPlanNegation", "-2.00"),
      Self.row("RIFee", "10.00", ["", "3.25", "0.75"]),
      Self.row("SavingsPlanRecurringFee", "5.00", ["", "", "", "5.00", "4.10"]),
      Self.row("Tax", "0.30"),
    ])
    #expect(
      rows.map { $0[0] as Int64 } == [
        1_500_000_000, 2_000_000_000, -2_000_000_000, 10_000_000_000, 5_000_000_000, 300_000_000,
      ]
    )
    #expect(
      rows.map { $0[1] as Int64 } == [
        1_500_000_000, 1_200_000_000, 0, 4_000_000_000, 900_000_000, 300_000_000,
      ]
    )
    #expect(
      rows.map { $0[2] as String } == [
        "Usage", "Usage", "Usage", "Purchase", "Purchase", "Tax",
      ]
    )
    #expect(rows.allSatisfy { ($0[4] as String) == "USD" })
  }

  @Test func collectsTagColumnsIntoOneObject() throws {
    let rows = try importRows([Self.row("Usage", "1", team: "payments"), Self.row("Usage", "2")])
    #expect(rows[0][3] as String? == #"{"team":"payments","aws:createdBy":"alice"}"#)
    #expect(rows[1][3] as String? == nil)
    // Columns read by expressions are not repeated in extras; the others are kept there.
    #expect(rows[0][5] as String? == #"{"product/region":"us-east-1"}"#)
  }

  /// A CUR 2.0-shaped mapping for the JSON-map forms: `first`, `json`/`key`, `collect` from a
  /// JSON-object column with key rewriting, and the `""` case for empty values.
  static let mapMapping = """
    id: mini-cur-two
    display_name: Mini CUR 2.0
    summary: A CUR 2.0-shaped test format.
    examples: []
    detect: [line_item_unblended_cost, resource_tags]
    versions: [{version: "2", required: [line_item_unblended_cost]}]
    fields:
      billing_account_id: {value: "111"}
      billing_currency: {value: USD}
      billing_period_start: {value: "2026-10-01T00:00:00Z"}
      billing_period_end: {value: "2026-11-01T00:00:00Z"}
      charge_period_start: {value: "2026-10-02T00:00:00Z"}
      charge_period_end: {value: "2026-10-02T01:00:00Z"}
      billed_cost: line_item_unblended_cost
      effective_cost:
        by: reservation_reservation_a_r_n
        cases: {"": line_item_unblended_cost}
        else: {value: "0"}
      service_name: {first: [{json: product, key: product_name}, line_item_product_code]}
      tags:
        collect:
          - {json: resource_tags, prefix: "user_"}
          - {json: resource_tags, prefix: "aws_", key_prefix: "aws:"}
    """

  private func importMapRows(_ lines: [String]) throws -> [Row] {
    let folder = TemporaryDirectory()
    folder.write("mappings/mini-cur-two.yaml", Self.mapMapping)
    let header =
      "line_item_unblended_cost,reservation_reservation_a_r_n,line_item_product_code,"
      + "product,resource_tags"
    let path = folder.write("cur2.csv", ([header] + lines).joined(separator: "\n") + "\n")
    let registry = try ImporterRegistry.builtIn().adding(directory: folder.path("mappings"))
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: registry).ingest(
      IngestOptions(paths: [path], format: "mini-cur-two")
    )
    return try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT effectiveCostNanos, serviceName, tags FROM focusCharge ORDER BY sourceLine"
      )
    }
  }

  @Test func readsKeysAndTagsFromJSONMapColumns() throws {
    let rows = try importMapRows([
      #"1.00,,AmazonEC2,"{""product_name"":""Amazon Elastic Compute Cloud""}","{""user_team"":""search"",""aws_createdBy"":""Root:1"",""user_cost_center"":""CC\""7"",""other"":""x""}""#,
      #"2.00,arn:aws:ec2:ri-1,AmazonBedrock,{},"{""user_team"":"""",""user_pilot"":""support-copilot""}""#,
      #"3.00,,AWSLambda,"{""product_name"":""AWS \u00c9dition""}","#,
    ])
    // `""` takes the empty ARN; a present ARN takes `else`.
    #expect(rows.map { $0[0] as Int64 } == [1_000_000_000, 0, 3_000_000_000])
    // The product map's name first, else the product code; escapes are undone.
    #expect(
      rows.map { $0[1] as String } == [
        "Amazon Elastic Compute Cloud", "AmazonBedrock", "AWS \u{00C9}dition",
      ]
    )
    // `user_` keys lose the prefix, `aws_` keys go under `aws:`, unmatched keys and empty values
    // are dropped, escaped values stay valid JSON.
    #expect(
      rows[0][2] as String?
        == #"{"team":"search","aws:createdBy":"Root:1","cost_center":"CC\"7"}"#
    )
    #expect(rows[1][2] as String? == #"{"pilot":"support-copilot"}"#)
    #expect(rows[2][2] as String? == nil)
  }

  @Test func aMapColumnThatIsNotAnObjectIsABadRow() throws {
    #expect {
      _ = try importMapRows([#"1.00,,AmazonEC2,{},"[""team""]""#])
    } throws: { error in
      (error as? ImportError)?.description.contains(
        #"cur2.csv:2: error: [mini-cur-two] column 'resource_tags' is not a JSON object: '["team"]'"#
      ) == true
    }
  }

  @Test func arithmeticIsRejectedOutsideMoneyFields() {
    let yaml = Self.mapping.replacingOccurrences(
      of: "  billing_account_id: bill/PayerAccountId",
      with: "  billing_account_id: {sum: [bill/PayerAccountId]}"
    )
    #expect(throws: MappingError.self) { try MappingImporter(yaml: yaml, source: "m.yaml") }
  }
}

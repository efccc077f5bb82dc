import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

struct GCPBillingExportImporterTests {
  static let id = "gcp-billing-export"

  static func fixture(_ name: String) -> String {
    let base = Fixtures.path("importers/\(id)/\(name)")
    return FileManager.default.fileExists(atPath: base + ".jsonl") ? base + ".jsonl" : base + ".csv"
  }

  private func ingest(_ paths: [String]) throws -> (SpendDatabase, IngestReport) {
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: paths))
    return (database, report)
  }

  @Test(arguments: Fixtures.cases(for: id))
  func importsFixtureIntoGoldenNormalizedRows(name: String) throws {
    let (database, report) = try ingest([Self.fixture(name)])
    #expect(report.files.map(\.format) == [Self.id])
    let outcome = GoldenFile.compare(
      try ChargeExport.csv(database),
      path: Fixtures.path("importers/\(Self.id)/\(name).expected.csv")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  @Test(arguments: [
    ("standard-with-credits-tax-and-adjustment", "standard"),
    ("detailed-with-resources", "detailed"), ("csv-dotted-columns", "standard"),
    ("csv-underscore-columns-summed-credits", "standard"),
  ])
  func detectsTheTableFromTheRowShape(name: String, version: String) throws {
    let sample = try InputFiles.sample(Self.fixture(name))
    let matches = try ImporterRegistry.builtIn().recognizers(of: sample)
    #expect(matches.map(\.importer.descriptor.id) == [Self.id])
    #expect(matches.first?.version == version)
  }

  /// BilledCost and EffectiveCost equal the invoice total: every row's `cost` plus its credits,
  /// summed independently with Foundation's `Decimal` from the number text of each line.
  @Test(arguments: ["standard-with-credits-tax-and-adjustment", "detailed-with-resources"])
  func reconcilesToTheInvoiceTotalToTheCent(name: String) throws {
    let path = Self.fixture(name)
    let (database, _) = try ingest([path])
    let expected = try InvoiceTotal.of(jsonLines: path)
    let (billed, effective) = try database.writer.read { db in
      let row = try Row.fetchOne(
        db,
        sql: "SELECT SUM(billedCostNanos), SUM(effectiveCostNanos) FROM charge"
      )
      return (row?[0] as Int64? ?? 0, row?[1] as Int64? ?? 0)
    }
    #expect(Money.format(Int128(billed)) == expected.roundedToCents)
    #expect(Money.format(Int128(effective)) == expected.roundedToCents)
    #expect(Decimal(string: Money.exact(Int128(billed))) == expected.total)
  }

  private func charges(_ database: SpendDatabase, where condition: String = "1") throws -> [Row] {
    try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT * FROM focusCharge WHERE \(condition) ORDER BY fileId, sourceLine"
      )
    }
  }

  @Test func rowLabelsOverrideProjectLabelsInTags() throws {
    let (database, _) = try ingest([Self.fixture("standard-with-credits-tax-and-adjustment")])
    let first = try #require(try charges(database, where: "sourceLine = 1").first)
    let tags = try JSONParser.parse(first["tags"] as String? ?? "")
    #expect(tags["team"] == .string("search"))
    #expect(tags["env"] == .string("prod"))
    let unlabeled = try #require(try charges(database, where: "sourceLine = 2").first)
    #expect(try JSONParser.parse(unlabeled["tags"] as String? ?? "")["team"] == .string("payments"))
  }

  @Test func mapsCostTypesToChargeCategoriesAndCommitmentsToPricing() throws {
    let (database, _) = try ingest([Self.fixture("standard-with-credits-tax-and-adjustment")])
    let rows = try charges(database)
    let byLine = Dictionary(uniqueKeysWithValues: rows.map { ($0["sourceLine"] as Int64, $0) })
    #expect(byLine[6]?["chargeCategory"] as String? == "Tax")
    #expect(byLine[7]?["chargeCategory"] as String? == "Adjustment")
    #expect(byLine[7]?["chargeClass"] as String? == "Correction")
    #expect(byLine[8]?["chargeCategory"] as String? == "Adjustment")
    #expect(byLine[8]?["chargeClass"] as String? == nil)
    #expect(byLine[3]?["pricingCategory"] as String? == "Committed")
    #expect(byLine[4]?["commitmentDiscountCategory"] as String? == "Usage")
    #expect(byLine[4]?["commitmentDiscountId"] as String? == "commitment-n2-cpu-1y")
    #expect(byLine[1]?["pricingCategory"] as String? == "Standard")
    // Late usage (30 September) billed on the October invoice stays in October's period.
    #expect(byLine[9]?["billingPeriodStart"] as Int64? == (try Timestamp.parse("2026-10-01")))
  }

  @Test func keepsUnknownFieldsAndCreditTypesAsExtras() throws {
    let (database, _) = try ingest([Self.fixture("standard-with-credits-tax-and-adjustment")])
    let second = try #require(try charges(database, where: "sourceLine = 2").first)
    let extras = try JSONParser.parse(second["extras"] as String? ?? "")
    #expect(extras["credits.PROMOTION"] == .string("-0.5"))
    #expect(extras["credits.FREE_TIER"] == .string("-0.05"))
    #expect(extras["service.id"] == .string("95FF-2EF5-5EA1"))
    #expect(extras["credits"]?.scalarText?.contains("Startup program credit") == true)
    let first = try #require(try charges(database, where: "sourceLine = 1").first)
    let firstExtras = try JSONParser.parse(first["extras"] as String? ?? "")
    #expect(firstExtras["x_pipeline_note"] == .string("kept as an extra"))
  }

  /// The CSV shapes give the same charges as the JSON rows they were saved from.
  @Test func csvAndJSONOfTheSameRowAgree() throws {
    let folder = TemporaryDirectory()
    let json = folder.write(
      "row.jsonl",
      #"{"billing_account_id":"A","service":{"description":"Compute Engine"},"sku":{"description":"N2"},"usage_start_time":"2026-10-01 07:00:00 UTC","usage_end_time":"2026-10-01 08:00:00 UTC","project":{"id":"p","labels":[{"key":"team","value":"x"}]},"labels":[{"key":"team","value":"search"}],"cost":"1.25","currency":"USD","credits":[{"amount":-0.25,"type":"SUSTAINED_USAGE_DISCOUNT"}],"invoice":{"month":"202610"},"cost_type":"regular"}"#
        + "\n"
    )
    let csv = folder.write(
      "row.csv",
      "billing_account_id,service_description,sku_description,usage_start_time,usage_end_time,"
        + "project_id,project_labels,labels,cost,currency,credits,invoice_month,cost_type\n"
        + "A,Compute Engine,N2,2026-10-01 07:00:00 UTC,2026-10-01 08:00:00 UTC,p,"
        + #""[{""key"":""team"",""value"":""x""}]","[{""key"":""team"",""value"":""search""}]","#
        + #"1.25,USD,"[{""amount"":-0.25,""type"":""SUSTAINED_USAGE_DISCOUNT""}]",202610,regular"#
        + "\n"
    )
    let fromJSON = try charges(try ingest([json]).0)
    let fromCSV = try charges(try ingest([csv]).0)
    #expect(fromJSON.count == 1 && fromCSV.count == 1)
    for column in ["billedCost", "effectiveCost", "tags", "serviceName", "subAccountId"] {
      #expect(fromJSON.first?[column] == fromCSV.first?[column] as DatabaseValue?, "\(column)")
    }
  }
}

/// An independent invoice total of a JSON Lines dump: `cost` plus `credits[].amount` of every
/// line, summed with Foundation's `Decimal` from each number's text.
enum InvoiceTotal {
  struct Result {
    var total: Decimal
    var roundedToCents: String {
      var value = total
      var rounded = Decimal()
      NSDecimalRound(&rounded, &value, 2, .bankers)
      let formatter = NumberFormatter()
      formatter.minimumFractionDigits = 2
      formatter.maximumFractionDigits = 2
      formatter.minimumIntegerDigits = 1
      formatter.numberStyle = .decimal
      formatter.usesGroupingSeparator = false
      formatter.locale = Locale(identifier: "en_US_POSIX")
      return formatter.string(from: rounded as NSDecimalNumber) ?? ""
    }
  }

  static func of(jsonLines path: String) throws -> Result {
    var total = Decimal()
    let text = try String(contentsOfFile: path, encoding: .utf8)
    for line in text.split(separator: "\n") where !line.isEmpty {
      let row = try JSONParser.parse(String(line))
      total += try decimal(row["cost"])
      for credit in row["credits"]?.array ?? [] { total += try decimal(credit["amount"]) }
    }
    return Result(total: total)
  }

  private static func decimal(_ value: JSONValue?) throws -> Decimal {
    guard let text = value?.scalarText else { return Decimal() }
    return try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
  }
}

struct GCPBillingExportMappingDocumentTests {
  /// The audit sheet names every source field the code maps, so the two cannot drift apart.
  @Test func theAuditSheetListsEveryMappedField() throws {
    let sheet = try String(
      contentsOf: Fixtures.packageRoot.appendingPathComponent("importers/gcp-billing-export.md"),
      encoding: .utf8
    )
    for path in GCPBillingRow.mappedPaths.sorted() {
      #expect(sheet.contains("`\(path)`"), "importers/gcp-billing-export.md lacks `\(path)`")
    }
  }
}

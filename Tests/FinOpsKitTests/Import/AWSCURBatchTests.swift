import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// AWS CUR deliveries: gzip parts of one folder are one batch, and bad deliveries (a part from
/// another billing period, mixed currencies, a missing cost column) are clear errors that leave
/// the database as it was.
struct AWSCURBatchTests {
  static let header =
    "bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,"
    + "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,"
    + "lineItem/UsageEndDate,lineItem/ProductCode,lineItem/CurrencyCode,lineItem/UnblendedCost"

  /// A usage row of September 2026 (or of the month starting at `period`).
  static func row(
    cost: String,
    period: String = "2026-09",
    next: String = "2026-10",
    currency: String = "USD",
    account: String = "111122223333"
  ) -> String {
    "\(account),\(period)-01T00:00:00Z,\(next)-01T00:00:00Z,222233334444,Usage,"
      + "\(period)-02T00:00:00Z,\(period)-03T00:00:00Z,AmazonEC2,\(currency),\(cost)"
  }

  static func part(_ rows: [String]) -> String {
    ([header] + rows).joined(separator: "\n") + "\n"
  }

  static func gzip(_ path: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = [path]
    try process.run()
    process.waitUntilExit()
  }

  @Test func gzipPartsOfAFolderAreOneBatch() throws {
    let folder = TemporaryDirectory()
    folder.write("cur/20260901-20261001/report-00001.csv", Self.part([Self.row(cost: "1.25")]))
    folder.write("cur/20260901-20261001/report-00002.csv", Self.part([Self.row(cost: "2.50")]))
    try Self.gzip(folder.path("cur/20260901-20261001/report-00001.csv"))
    try Self.gzip(folder.path("cur/20260901-20261001/report-00002.csv"))
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [folder.path("cur")]))
    #expect(report.files.map(\.format) == ["aws-cur", "aws-cur"])
    #expect(
      report.files.map { ($0.path as NSString).lastPathComponent } == [
        "report-00001.csv.gz", "report-00002.csv.gz",
      ]
    )
    #expect(report.scopes.count == 1)
    #expect(report.scopes.first.map { Money.format($0.billedCost) } == "3.75")
    #expect(try ImportHistory.batches(in: database).count == 1)
  }

  /// A legacy CUR delivery kept with its S3 layout: the period folder holds the manifest and two
  /// report versions (assemblies); the manifest names the current one.
  static func legacyDelivery(_ folder: TemporaryDirectory) throws -> String {
    let period = "cur/northwind/20260901-20261001"
    folder.write("\(period)/asm-old/northwind-00001.csv", Self.part([Self.row(cost: "7.00")]))
    folder.write("\(period)/asm-new/northwind-00001.csv", Self.part([Self.row(cost: "1.25")]))
    folder.write("\(period)/asm-new/northwind-00002.csv", Self.part([Self.row(cost: "2.50")]))
    for name in ["asm-old/northwind-00001", "asm-new/northwind-00001", "asm-new/northwind-00002"] {
      try Self.gzip(folder.path("\(period)/\(name).csv"))
    }
    let manifest = """
      {"assemblyId": "asm-new", "reportName": "northwind",
       "billingPeriod": {"start": "20260901T000000.000Z", "end": "20261001T000000.000Z"},
       "bucket": "northwind-billing",
       "reportKeys": ["reports/northwind/20260901-20261001/asm-new/northwind-00001.csv.gz",
                      "reports/northwind/20260901-20261001/asm-new/northwind-00002.csv.gz"]}
      """
    return folder.write("\(period)/northwind-Manifest.json", manifest)
  }

  @Test func aManifestExpandsToTheCurrentPartsOnly() throws {
    let folder = TemporaryDirectory()
    let manifest = try Self.legacyDelivery(folder)
    for paths in [[manifest], [folder.path("cur")]] {
      let database = try SpendDatabase.inMemory()
      let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: paths))
      #expect(
        report.files.map { $0.path.split(separator: "/").suffix(2).joined(separator: "/") } == [
          "asm-new/northwind-00001.csv.gz", "asm-new/northwind-00002.csv.gz",
        ]
      )
      #expect(report.files.map(\.format) == ["aws-cur", "aws-cur"])
      #expect(report.scopes.map { Money.format($0.billedCost) } == ["3.75"])
    }
  }

  @Test func aCUR2ManifestFindsItsDataFilesBesideTheMetadataFolder() throws {
    let folder = TemporaryDirectory()
    let text = try String(
      contentsOfFile: Fixtures.path("importers/aws-cur-2/aws-cur-2-usage-tags.csv"),
      encoding: .utf8
    )
    folder.write("export/data/BILLING_PERIOD=2026-09/northwind-00001.csv", text)
    let manifest = folder.write(
      "export/metadata/BILLING_PERIOD=2026-09/northwind-Manifest.json",
      #"{"dataFiles": ["s3://bucket/exports/export/data/BILLING_PERIOD=2026-09/northwind-00001.csv"]}"#
    )
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [manifest]))
    #expect(report.files.map(\.format) == ["aws-cur-2"])
    #expect(report.rowCount == 3)
  }

  @Test func aManifestListingAMissingPartIsAnError() throws {
    let folder = TemporaryDirectory()
    let manifest = try Self.legacyDelivery(folder)
    try FileManager.default.removeItem(
      atPath: folder.path("cur/northwind/20260901-20261001/asm-new/northwind-00002.csv.gz")
    )
    let database = try SpendDatabase.inMemory()
    #expect {
      _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [manifest]))
    } throws: { error in
      (error as? ImportError)?.description
        == "\(manifest): error: part "
        + "'reports/northwind/20260901-20261001/asm-new/northwind-00002.csv.gz' is listed but "
        + "not found next to the manifest (copy the delivery with its folders, or ingest the "
        + "part files directly)"
    }
    #expect(try ImportHistory.batches(in: database).isEmpty)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var files: [String: String]
    var expected: [String]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "part from another billing period",
      files: [
        "cur/20260901-20261001/report-00001.csv": part([row(cost: "1.00")]),
        "cur/20260901-20261001/report-00002.csv": part([
          row(cost: "2.00", period: "2026-10", next: "2026-11")
        ]),
      ],
      expected: [
        "cur/20260901-20261001/report-00002.csv: error: [aws-cur] part is for billing period "
          + "2026-10 but its sibling part",
        "report-00001.csv' is for 2026-09; parts delivered together cover one billing period",
      ]
    ),
    Case(
      name: "part covering two billing periods",
      files: [
        "cur/report-00001.csv": part([
          row(cost: "1.00"), row(cost: "2.00", period: "2026-10", next: "2026-11"),
        ])
      ],
      expected: [
        "cur/report-00001.csv: error: [aws-cur] part covers several billing periods "
          + "(2026-09, 2026-10)"
      ]
    ),
    Case(
      name: "two billing currencies",
      files: [
        "cur/report-00001.csv": part([row(cost: "1.00"), row(cost: "2.00", currency: "EUR")])
      ],
      expected: [
        "cur/report-00001.csv:3: error: [aws-cur] column 'BillingCurrency' mixes currencies: "
          + "billing account '111122223333' period 2026-09-01 is billed in 'USD', not 'EUR'"
      ]
    ),
    Case(
      name: "missing cost column",
      files: [
        "cur/report-00001.csv": part([row(cost: "1.00")])
          .replacingOccurrences(of: "lineItem/UnblendedCost", with: "lineItem/BlendedCost")
      ],
      expected: [
        "cur/report-00001.csv: error: unknown format",
        "cur/report-00001.csv: note: could be 'aws-cur', but it lacks 'lineItem/UnblendedCost'",
      ]
    ),
    Case(
      name: "empty cost value",
      files: ["cur/report-00001.csv": part([row(cost: "1.00"), row(cost: "")])],
      expected: [
        "cur/report-00001.csv:3: error: [aws-cur] column 'lineItem/UnblendedCost' is empty but "
          + "the format requires a value"
      ]
    ),
  ]

  @Test(arguments: cases)
  func badDeliveriesAreClearErrorsAndLeaveTheDatabaseAsItWas(_ testCase: Case) throws {
    let folder = TemporaryDirectory()
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let earlier = folder.write("earlier/report-00001.csv", Self.part([Self.row(cost: "9.99")]))
    _ = try ingestor.ingest(IngestOptions(paths: [earlier]))
    let before = try DatabaseSnapshot.dump(database)
    for (name, text) in testCase.files { folder.write(name, text) }
    var message = ""
    do {
      _ = try ingestor.ingest(IngestOptions(paths: [folder.path("cur")]))
      Issue.record("expected an error for \(testCase.name)")
    } catch {
      message = error.description.replacingOccurrences(of: folder.url.path + "/", with: "")
    }
    for expected in testCase.expected {
      #expect(message.contains(expected), "message was: \(message)")
    }
    #expect(try DatabaseSnapshot.dump(database) == before)
  }

  /// With `--format aws-cur`, a header without the cost column names the missing column.
  @Test func missingCostColumnIsNamedWhenTheFormatIsGiven() throws {
    let folder = TemporaryDirectory()
    let path = folder.write(
      "cur.csv",
      Self.part([Self.row(cost: "1.00")])
        .replacingOccurrences(of: "lineItem/UnblendedCost", with: "lineItem/BlendedCost")
    )
    let database = try SpendDatabase.inMemory()
    #expect {
      _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
        .ingest(IngestOptions(paths: [path], format: "aws-cur"))
    } throws: { error in
      (error as? ImportError)?.description.hasSuffix(
        "cur.csv:1: error: [aws-cur] missing mandatory aws-cur legacy column 'lineItem/UnblendedCost'"
      ) == true
    }
  }
}

import FinOpsTestSupport
import Foundation
import Testing

/// `finops ingest` on a folder of Azure exports, end to end with the built binary.
struct AzureIngestCommandTests {
  private func exportsFolder() throws -> TemporaryDirectory {
    let folder = TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: folder.path("exports"),
      withIntermediateDirectories: true
    )
    let copies = [
      "importers/azure-cost-details/ea-actual-reservation-refund-rounding.csv":
        "exports/contoso-actual-202610.csv",
      "importers/azure-cost-details-amortized/ea-amortized-reservation-unused.csv":
        "exports/contoso-amortized-202610.csv",
      "importers/focus/focus-1.0-azure-export.csv": "exports/fabrikam-focus-202610.csv",
    ]
    for (fixture, target) in copies {
      let bytes = try #require(FileManager.default.contents(atPath: Fixtures.path(fixture)))
      _ = folder.write(target, bytes: Array(bytes))
    }
    return folder
  }

  @Test func aFolderMixingAzureViewsAndFOCUSIsImportedEachWithItsImporter() throws {
    let folder = try exportsFolder()
    let result = try CommandRunner.run(
      ["ingest", "exports", "--db", "spend.sqlite"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "contoso-actual-202610.csv: imported 8 rows as azure-cost-details cost-in-billing-currency"
      )
    )
    #expect(
      result.stderr.contains(
        "contoso-amortized-202610.csv: imported 7 rows as azure-cost-details-amortized"
      )
    )
    #expect(result.stderr.contains("fabrikam-focus-202610.csv: imported 5 rows as focus 1.0"))
    #expect(
      result.stderr.contains(
        "combined azure-cost-details-amortized account 54123987 period 2026-10-01 with the "
          + "other view of its charges: its BilledCost is set to 0"
      )
    )
    let doctor = try CommandRunner.run(["doctor", "--db", "spend.sqlite"], in: folder.url)
    #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
    let listing = try CommandRunner.run(
      ["imports", "--db", "spend.sqlite", "--format", "json"],
      in: folder.url
    )
    let batches =
      try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]]
    let scopes = try #require(batches?.first?["scopes"] as? [[String: Any]])
    #expect(
      Set(scopes.compactMap { $0["format"] as? String })
        == ["azure-cost-details", "azure-cost-details-amortized", "focus"]
    )
  }

  @Test func anAmortizedFileWithoutTheWordInItsNameNeedsFormat() throws {
    let folder = try exportsFolder()
    let plain = folder.path("exports/contoso-amortized-202610.csv")
    try FileManager.default.moveItem(atPath: plain, toPath: folder.path("october.csv"))
    let detected = try CommandRunner.run(
      ["ingest", "october.csv", "--db", "a.sqlite"],
      in: folder.url
    )
    #expect(detected.stderr.contains("as azure-cost-details cost-in-billing-currency"))
    let forced = try CommandRunner.run(
      ["ingest", "october.csv", "--format", "azure-cost-details-amortized", "--db", "b.sqlite"],
      in: folder.url
    )
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(forced.stderr.contains("as azure-cost-details-amortized"))
  }

  @Test func aFileMixingBillingCurrenciesExitsWith65AndNamesTheLine() throws {
    let folder = TemporaryDirectory()
    let text = try String(
      contentsOfFile: Fixtures.path(
        "importers/azure-cost-details/ea-actual-reservation-refund-rounding.csv"
      ),
      encoding: .utf8
    )
    var lines = text.components(separatedBy: "\r\n")
    lines[3] = lines[3].replacingOccurrences(of: ",EUR,", with: ",USD,")
    folder.write("mixed.csv", lines.joined(separator: "\r\n"))
    let result = try CommandRunner.run(
      ["ingest", "mixed.csv", "--db", "spend.sqlite"],
      in: folder.url
    )
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "mixed.csv:4: error: [azure-cost-details] column 'BillingCurrency' mixes currencies"
      )
    )
  }
}

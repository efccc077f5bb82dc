import FinOpsTestSupport
import Foundation
import Testing

/// `finops demo` writes three months of Google Cloud billing export and ingests them.
struct GCPDemoCommandTests {
  @Test func theDemoIngestsThreeMonthsOfGCPBillingExport() throws {
    let folder = TemporaryDirectory()
    let result = try CommandRunner.run(["demo", "--out", "demo"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    for month in [202608, 202609, 202610] {
      #expect(
        FileManager.default.fileExists(
          atPath: folder.path("demo/exports/gcp-billing-\(month).jsonl")
        )
      )
    }
    let listing = try CommandRunner.run(
      ["imports", "--db", "demo/finops.sqlite", "--format", "json"],
      in: folder.url
    )
    let batches =
      try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]]
    let scopes = (batches ?? []).flatMap { ($0["scopes"] as? [[String: Any]]) ?? [] }
    let gcpPeriods = scopes.filter { $0["format"] as? String == "gcp-billing-export" }
      .compactMap { $0["billing_period_start"] as? String }.sorted()
    #expect(
      gcpPeriods == [
        "2026-08-01T00:00:00Z", "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z",
      ]
    )
  }
}

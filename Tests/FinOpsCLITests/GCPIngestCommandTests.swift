import FinOpsTestSupport
import Foundation
import Testing

/// End-to-end: the built binary on a folder mixing FOCUS CSV and GCP billing export files.
struct GCPIngestCommandTests {
  @Test func aFolderMixingFOCUSAndGCPExportsUsesTheRightImporterForEach() throws {
    let folder = TemporaryDirectory()
    let copies = [
      ("importers/focus/focus-1.2-aws-style.csv", "exports/focus/aws.csv"),
      (
        "importers/gcp-billing-export/standard-with-credits-tax-and-adjustment.jsonl",
        "exports/gcp/2026-10.json"
      ),
      ("importers/gcp-billing-export/detailed-with-resources.jsonl", "exports/gcp/detailed.jsonl"),
      ("importers/gcp-billing-export/csv-dotted-columns.csv", "exports/gcp/saved-query.csv"),
    ]
    for (fixture, target) in copies {
      folder.write(target, try String(contentsOfFile: Fixtures.path(fixture), encoding: .utf8))
    }
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    gzip.arguments = ["gzip", folder.path("exports/gcp/detailed.jsonl")]
    try gzip.run()
    gzip.waitUntilExit()

    let result = try CommandRunner.run(["ingest", "exports", "--db", "x.sqlite"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("exports/focus/aws.csv: imported 5 rows as focus 1.2"))
    #expect(
      result.stderr.contains(
        "exports/gcp/2026-10.json: imported 9 rows as gcp-billing-export standard"
      )
    )
    #expect(
      result.stderr.contains(
        "exports/gcp/detailed.jsonl.gz: imported 3 rows as gcp-billing-export detailed"
      )
    )
    #expect(
      result.stderr.contains(
        "exports/gcp/saved-query.csv: imported 3 rows as gcp-billing-export standard"
      )
    )

    let listing = try CommandRunner.run(["importers"], in: folder.url)
    #expect(listing.stdout.contains("gcp-billing-export"))
  }

  @Test func aMalformedLineExitsWith65NamingFileAndLine() throws {
    let folder = TemporaryDirectory()
    let good = try String(
      contentsOfFile: Fixtures.path(
        "importers/gcp-billing-export/standard-with-credits-tax-and-adjustment.jsonl"
      ),
      encoding: .utf8
    )
    let lines = good.split(separator: "\n").map(String.init)
    folder.write("gcp.jsonl", ([lines[0], "not json"] + lines.dropFirst()).joined(separator: "\n"))
    let result = try CommandRunner.run(["ingest", "gcp.jsonl", "--db", "x.sqlite"], in: folder.url)
    #expect(result.status == 65)
    #expect(
      result.stderr.hasPrefix(
        "gcp.jsonl:2: error: [gcp-billing-export] invalid JSON at column 1: invalid literal"
      ),
      "\(result.stderr)"
    )
  }
}

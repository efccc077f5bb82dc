import FinOpsTestSupport
import Foundation
import Testing

/// End-to-end: `finops ingest` on a folder that mixes FOCUS, legacy CUR and CUR 2.0 (gzip)
/// exports picks the right importer for each file and says which.
struct MixedFolderIngestTests {
  @Test func eachFileOfAMixedFolderIsImportedWithItsOwnImporter() throws {
    let folder = TemporaryDirectory()
    let copies = [
      ("importers/focus/focus-1.2-aws-style.csv", "exports/focus-2026-09.csv"),
      ("importers/aws-cur/aws-cur-commitments.csv", "exports/cur/northwind-00001.csv"),
      ("importers/aws-cur-2/aws-cur-2-usage-tags.csv", "exports/cur2/export-00001.csv"),
    ]
    for (fixture, target) in copies {
      folder.write(target, try String(contentsOfFile: Fixtures.path(fixture), encoding: .utf8))
    }
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gzip.arguments = [folder.path("exports/cur2/export-00001.csv")]
    try gzip.run()
    gzip.waitUntilExit()

    let result = try CommandRunner.run(
      ["ingest", "exports", "--db", "spend.sqlite"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("exports/cur/northwind-00001.csv: imported 14 rows as aws-cur"))
    #expect(
      result.stderr.contains("exports/cur2/export-00001.csv.gz: imported 3 rows as aws-cur-2 2.0")
    )
    #expect(result.stderr.contains("exports/focus-2026-09.csv: imported 5 rows as focus 1.2"))
    #expect(result.stderr.contains("batch 1: 22 rows"))

    let listing = try CommandRunner.run(
      ["imports", "--db", "spend.sqlite", "--format", "json"],
      in: folder.url
    )
    #expect(listing.status == 0, "\(listing.stderr)")
    #expect(listing.stdout.contains("aws-cur-2"))
  }
}

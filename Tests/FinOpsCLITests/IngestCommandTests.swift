import FinOpsTestSupport
import Foundation
import Testing

/// End-to-end tests of the built binary on real files and a real SQLite file on disk.
struct IngestCommandTests {
  @Test func ingestsAFileListsTheBatchAndSkipsItTheSecondTime() throws {
    let folder = TemporaryDirectory()
    let fixture = Fixtures.path("importers/focus/focus-1.2-aws-style.csv")
    let first = try CommandRunner.run(["ingest", fixture, "--db", "spend.sqlite"], in: folder.url)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.isEmpty)
    #expect(first.stderr.contains("imported 5 rows as focus 1.2"))
    #expect(first.stderr.contains("batch 1: 5 rows in 3 scopes"))
    #expect(FileManager.default.fileExists(atPath: folder.path("spend.sqlite")))

    let listing = try CommandRunner.run(
      ["imports", "--db", "spend.sqlite", "--format", "json"],
      in: folder.url
    )
    #expect(listing.status == 0)
    let batches =
      try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]]
    let batch = try #require(batches?.first)
    #expect(batch["rows"] as? Int == 5)
    let scopes = try #require(batch["scopes"] as? [[String: Any]])
    #expect(
      scopes.compactMap { $0["billing_account_id"] as? String }.sorted() == [
        "111122223333", "111122223333", "999900001111",
      ]
    )

    let again = try CommandRunner.run(
      ["ingest", fixture],
      in: folder.url,
      environment: [
        "FINOPS_DB": folder.path("spend.sqlite")
      ]
    )
    #expect(again.status == 0)
    #expect(again.stderr.contains("unchanged since batch 1, skipped"))
  }

  @Test func badDataExitsWith65AndACompilerStyleDiagnostic() throws {
    let folder = TemporaryDirectory()
    let good = try String(
      contentsOfFile: Fixtures.path("importers/focus/focus-1.0-sample.csv"),
      encoding: .utf8
    )
    folder.write(
      "exports/bad.csv",
      good.replacingOccurrences(of: "1.62400000000", with: "\"1,62\"")
    )
    let result = try CommandRunner.run(["ingest", "exports", "--db", "x.sqlite"], in: folder.url)
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.hasPrefix(
        "exports/bad.csv:3: error: [focus] column 'BilledCost' has non-numeric value '1,62'"
      )
    )
    let listing = try CommandRunner.run(["imports", "--db", "x.sqlite"], in: folder.url)
    #expect(listing.stdout.contains("no import batches yet"))
  }

  @Test func skipBadRowsReportsHowManyRowsWereSetAside() throws {
    let folder = TemporaryDirectory()
    let good = try String(
      contentsOfFile: Fixtures.path("importers/focus/focus-1.0-sample.csv"),
      encoding: .utf8
    )
    folder.write("bad.csv", good.replacingOccurrences(of: "1.62400000000", with: "abc"))
    let result = try CommandRunner.run(
      ["ingest", "bad.csv", "--skip-bad-rows", "--db", "x.sqlite"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("imported 5 rows as focus 1.0, set aside 1 bad rows"))
    #expect(result.stderr.contains("warning: 1 bad rows were set aside"))
    let rejected = try CommandRunner.run(
      ["imports", "--rejected", "1", "--db", "x.sqlite"],
      in: folder.url
    )
    #expect(rejected.stdout.contains("bad.csv:3: column 'BilledCost' has non-numeric value 'abc'"))
  }

  @Test func usageErrorsExitWith64() throws {
    let folder = TemporaryDirectory()
    let result = try CommandRunner.run(["ingest"], in: folder.url)
    #expect(result.status == 64)
    #expect(result.stderr.contains("Missing expected argument"))
  }

  @Test func aMissingPathIsAnErrorNamingIt() throws {
    let folder = TemporaryDirectory()
    let result = try CommandRunner.run(["ingest", "nope.csv"], in: folder.url)
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("nope.csv: error: no such file or directory"))
  }

  @Test func helpListsTheCommands() throws {
    let folder = TemporaryDirectory()
    let result = try CommandRunner.run(["--help"], in: folder.url)
    #expect(result.status == 0)
    for command in ["demo", "ingest", "imports", "importers"] {
      #expect(result.stdout.contains("  \(command)"))
    }
  }

  @Test func demoBuildsADatabaseFromGeneratedExports() throws {
    let folder = TemporaryDirectory()
    let result = try CommandRunner.run(["demo", "--out", "demo"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("re-ingested the same folder: nothing changed"))
    #expect(result.stdout.contains("replaced by 2"))
    #expect(result.stderr.contains("re-fetched OpenAI 2026-10-20..31: 36 day scopes replaced"))
    #expect(result.stdout.contains("openai-usage/completions"))
    // The day-level scopes of a month are one line; Oct 1-19 stay live after the re-fetch.
    #expect(result.stdout.contains("2026-10, 19 days"))
    #expect(FileManager.default.fileExists(atPath: folder.path("demo/finops.sqlite")))
  }
}

/// The progress line appears only when stderr is a terminal (run under `script`, which gives
/// the command a pseudo-terminal).
struct ProgressLineTests {
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func showsProgressOnATerminalOnly() throws {
    let folder = TemporaryDirectory()
    let generated = try CommandRunner.run(
      ["generate", "--rows", "40000", "--out", "big.csv"],
      in: folder.url
    )
    #expect(generated.status == 0)
    let command = "\(CommandRunner.executable.path) ingest big.csv --db tty.sqlite"
    let terminal = try CommandRunner.run(
      ["-q", "-e", "-c", command, "/dev/null"],
      in: folder.url,
      executable: URL(fileURLWithPath: "/usr/bin/script")
    )
    #expect(terminal.status == 0)
    #expect(terminal.stdout.contains("ingest: [1/1] big.csv"))
    let piped = try CommandRunner.run(["ingest", "big.csv", "--db", "pipe.sqlite"], in: folder.url)
    #expect(!piped.stderr.contains("ingest: [1/1]"))
    #expect(piped.stderr.contains("imported 40000 rows"))
  }
}

struct ImportersCommandTests {
  @Test func listsTheBuiltInImporters() throws {
    let folder = TemporaryDirectory()
    let result = try CommandRunner.run(["importers"], in: folder.url)
    #expect(result.status == 0)
    #expect(result.stdout.contains("focus"))
    #expect(result.stdout.contains("FOCUS 1.0 / 1.1 / 1.2"))
  }

  @Test func aMappingDirectoryAddsAFormatUsableByIngest() throws {
    let folder = TemporaryDirectory()
    folder.write(
      "mappings/tiny-bill.yaml",
      """
      id: tiny-bill
      display_name: Tiny bill
      summary: A two-column bill used in tests.
      examples: []
      detect: [Account, Day, Amount]
      versions: [{version: "1", required: [Account, Day, Amount], not_null: [Amount]}]
      fields:
        billing_account_id: Account
        billing_currency: {columns: [Currency], default: EUR}
        billing_period_start: Day
        billing_period_end: Day
        charge_period_start: Day
        charge_period_end: Day
        billed_cost: Amount
        effective_cost: Amount
        charge_category: {columns: [], default: Usage}
      """
    )
    folder.write("bill.csv", "Account,Day,Amount,Memo\nA-1,2026-10-03,12.50,coffee\n")
    let result = try CommandRunner.run(
      ["ingest", "bill.csv", "--importers-dir", "mappings", "--db", "x.sqlite"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("imported 1 rows as tiny-bill 1"))
    #expect(result.stderr.contains("billed 12.50 EUR"))
  }
}

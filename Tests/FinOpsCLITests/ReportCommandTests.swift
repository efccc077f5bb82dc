import FinOpsTestSupport
import Foundation
import Testing

/// `finops report` end to end on the golden dataset: every format, files and stdout, errors.
struct ReportCommandTests {
  private static let dataset = Fixtures.path("datasets/worked-month")

  private func ingest(_ folder: TemporaryDirectory) throws {
    let result = try CommandRunner.run(
      ["ingest", Self.dataset + "/exports", "--db", "x.sqlite"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
  }

  private func report(_ arguments: [String], in folder: TemporaryDirectory) throws
    -> CommandRunner.Output
  {
    try CommandRunner.run(
      [
        "report", "--month", "2026-10", "--db", "x.sqlite", "--config",
        Self.dataset + "/finops.yaml",
      ] + arguments,
      in: folder.url
    )
  }

  @Test func jsonOnStdoutMatchesTheGoldenFileAndAddsUp() throws {
    let folder = TemporaryDirectory()
    try ingest(folder)
    let result = try report(["--format", "json"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let golden = try String(
      contentsOfFile: Fixtures.path("golden/summary-json/worked-month.json"),
      encoding: .utf8
    )
    #expect(result.stdout == golden)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    )
    for key in [
      "month", "currency", "cost_basis", "total", "coverage", "innovation", "ai",
      "unallocated", "teams", "pilots",
    ] {
      #expect(object[key] != nil, "missing '\(key)'")
    }
    // Σ teams + Σ pilots + unallocated = total, to the cent, in the printed figures.
    func cents(_ value: Any?) -> Int {
      let text = value as? String ?? "x"
      return Int(text.replacingOccurrences(of: ".", with: "")) ?? Int.min
    }
    let teams = try #require(object["teams"] as? [[String: Any]])
    let pilots = try #require(object["pilots"] as? [[String: Any]])
    let unallocated = try #require(object["unallocated"] as? [String: Any])
    let sum =
      teams.map { cents($0["spend"]) }.reduce(0, +)
      + pilots.map { cents($0["spend"]) }
      .reduce(0, +) + cents(unallocated["spend"])
    #expect(sum == cents(object["total"]))
    #expect(result.stderr.isEmpty)
  }

  @Test func markdownAndCSVFilesGoUnderOut() throws {
    let folder = TemporaryDirectory()
    try ingest(folder)
    let markdown = try report(["--out", "out"], in: folder)
    #expect(markdown.status == 0, "\(markdown.stderr)")
    #expect(markdown.stdout.isEmpty)
    #expect(markdown.stderr.contains("wrote out/reports/2026-10/summary.md"))
    let text = try String(
      contentsOf: folder.url.appendingPathComponent("out/reports/2026-10/summary.md"),
      encoding: .utf8
    )
    let golden = try String(
      contentsOfFile: Fixtures.path("golden/monthly-summary/worked-month.md"),
      encoding: .utf8
    )
    #expect(text == golden)
    let csv = try report(["--format", "csv", "--out", "out"], in: folder)
    #expect(csv.status == 0, "\(csv.stderr)")
    for name in ["teams", "pilots", "allocations", "unallocated"] {
      let path = folder.url.appendingPathComponent("out/reports/2026-10/\(name).csv").path
      #expect(FileManager.default.fileExists(atPath: path), "\(name).csv missing")
    }
  }

  @Test func asOfForecastsTheRestOfTheMonth() throws {
    let folder = TemporaryDirectory()
    try ingest(folder)
    let result = try report(["--format", "json", "--as-of", "2026-10-10"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let golden = try String(
      contentsOfFile: Fixtures.path("golden/summary-json/worked-month-as-of-10.json"),
      encoding: .utf8
    )
    #expect(result.stdout == golden)
  }

  @Test func templatesDirOverridesTheMarkdown() throws {
    let folder = TemporaryDirectory()
    try ingest(folder)
    _ = folder.write("templates/monthly-summary.md.mustache", "# {{month}}: {{total}}\n")
    let result = try report(["--templates-dir", "templates", "--out", "out"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(
      contentsOf: folder.url.appendingPathComponent("out/reports/2026-10/summary.md"),
      encoding: .utf8
    )
    #expect(text == "# 2026-10: 2,805.01\n")
  }

  @Test func badArgumentsAndTemplatesExitWithUsageOrDataErrors() throws {
    let folder = TemporaryDirectory()
    try ingest(folder)
    let format = try report(["--format", "pdf"], in: folder)
    #expect(format.status == 64)
    #expect(format.stderr.contains("--format must be md, csv or json"))
    let date = try report(["--as-of", "2026-13-01"], in: folder)
    #expect(date.status == 64)
    #expect(date.stderr.contains("'2026-13-01' is not a date"))
    let before = try report(["--as-of", "2026-09-30"], in: folder)
    #expect(before.status == 64)
    #expect(before.stderr.contains("is before the month"))
    _ = folder.write("bad/monthly-summary.md.mustache", "ok\n{{#teams}}\nnever closed\n")
    let template = try report(["--templates-dir", "bad", "--out", "out"], in: folder)
    #expect(template.status == 65)
    #expect(
      template.stderr.contains(
        "bad/monthly-summary.md.mustache:2: error: section '{{#teams}}' is never closed"
      )
    )
  }

  @Test func theDemoWritesTheMonthsReports() throws {
    let folder = TemporaryDirectory()
    let result = try CommandRunner.run(["demo", "--out", "demo"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("reports: demo/reports/2026-10/summary.md and 4 CSV files"))
    let summary = try String(
      contentsOf: folder.url.appendingPathComponent("demo/reports/2026-10/summary.md"),
      encoding: .utf8
    )
    #expect(summary.hasPrefix("# FinOps report 2026-10\n"))
    #expect(summary.contains("| Support Copilot | support |"))
  }
}

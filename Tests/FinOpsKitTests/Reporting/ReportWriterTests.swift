import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct ReportWriterTests {
  private let october = ReportMonth(202610)

  @Test func asOfIsADayOfTheMonthOrMeansTheMonthIsComplete() throws {
    #expect(try ReportWriter.asOfDay("2026-10-10", month: october) == 10)
    #expect(try ReportWriter.asOfDay("2026-10-01", month: october) == 1)
    // The last day of the month, or any later date, means the month is complete.
    #expect(try ReportWriter.asOfDay("2026-10-31", month: october) == nil)
    #expect(try ReportWriter.asOfDay("2027-01-15", month: october) == nil)
    #expect(try ReportWriter.asOfDay("2028-02-29", month: ReportMonth(202802)) == nil)
    #expect(try ReportWriter.asOfDay("2028-02-28", month: ReportMonth(202802)) == 28)
  }

  @Test func badAsOfDatesAreRejectedWithTheirText() {
    for text in ["2026-10-32", "2026-13-01", "2027-02-29", "10/10/2026", "2026-10", "2026-1-01"] {
      #expect(throws: ReportError.invalidDate(text)) {
        try ReportWriter.asOfDay(text, month: october)
      }
    }
    #expect(throws: ReportError.asOfBeforeMonth(asOf: "2026-09-30", month: "2026-10")) {
      try ReportWriter.asOfDay("2026-09-30", month: october)
    }
  }

  @Test func markdownAndCSVGoToFilesAndJSONToStdout() throws {
    let context = try ReportGoldenTests.context(ReportGoldenTests.cases[0])
    let folder = TemporaryDirectory()
    let markdown = try ReportWriter.write(.md, context: context, to: folder.url.path)
    #expect(markdown.stdout == nil)
    #expect(markdown.files.map { ($0 as NSString).lastPathComponent } == ["summary.md"])
    let csv = try ReportWriter.write(.csv, context: context, to: folder.url.path)
    #expect(
      csv.files.map { ($0 as NSString).lastPathComponent }
        == ["allocations.csv", "pilots.csv", "teams.csv", "unallocated.csv"]
    )
    #expect(csv.files.allSatisfy { $0.contains("/reports/2026-10/") })
    let json = try ReportWriter.write(.json, context: context, to: folder.url.path)
    #expect(json.files.isEmpty)
    #expect(json.stdout?.hasPrefix("{\n  \"month\": \"2026-10\",") == true)
  }

  @Test func anUnwritableDirectoryIsAnError() throws {
    let context = try ReportGoldenTests.context(ReportGoldenTests.cases[0])
    let folder = TemporaryDirectory()
    _ = folder.write("reports", "a file where the folder should be")
    #expect(throws: ReportError.self) {
      try ReportWriter.write(.md, context: context, to: folder.url.path)
    }
  }
}

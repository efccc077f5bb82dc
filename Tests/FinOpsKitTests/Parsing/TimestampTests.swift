import Testing

@testable import FinOpsKit

struct TimestampTests {
  @Test(arguments: [
    ("2024-09-01T00:00:00Z", "2024-09-01T00:00:00Z"),
    ("2024-09-01 00:00:00", "2024-09-01T00:00:00Z"),
    ("2024-09-18 23:00:00", "2024-09-18T23:00:00Z"),
    ("2024-09-01", "2024-09-01T00:00:00Z"),
    ("2024-09-01T02:30:00+02:00", "2024-09-01T00:30:00Z"),
    ("2024-09-01T00:00:00-0500", "2024-09-01T05:00:00Z"),
    ("2024-09-01T00:00:00.000Z", "2024-09-01T00:00:00Z"),
    ("2024-09-01T00:00Z", "2024-09-01T00:00:00Z"),
    ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),
    ("09/01/2024", "2024-09-01T00:00:00Z"),
    ("9/1/2024 3:15:00 PM", "2024-09-01T15:15:00Z"),
    ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ("2024-09-30T24:00:00Z", "2024-10-01T00:00:00Z"),
  ])
  func parsesTheDateFormatsExportsUse(text: String, iso: String) throws {
    #expect(Timestamp.iso8601(try Timestamp.parse(text)) == iso)
  }

  @Test(arguments: [
    "", "2024-13-01", "2024-02-30", "2023-02-29", "2024-09-01T25:00:00Z", "yesterday",
    "2024/09/01", "2024-09-01T00:00:00Q", "13/45/2024", "2024-09-01T12",
  ])
  func rejectsMalformedDates(text: String) {
    #expect(throws: Timestamp.Failure.malformed) { try Timestamp.parse(text) }
  }

  @Test func readsDayFirstSlashDatesWhenAsked() throws {
    var text = "01/09/2024"
    let seconds = try text.withUTF8 { try Timestamp.parse($0, slashOrder: .dayFirst) }
    #expect(Timestamp.date(seconds) == "2024-09-01")
  }

  @Test func groupsInstantsByUTCMonth() throws {
    #expect(Timestamp.monthKey(try Timestamp.parse("2024-09-30T23:59:59Z")) == 202409)
    #expect(Timestamp.monthKey(try Timestamp.parse("2024-10-01T00:00:00Z")) == 202410)
    #expect(Timestamp.monthKey(try Timestamp.parse("2024-10-01T01:00:00+02:00")) == 202409)
  }

  @Test func civilDateConversionRoundTripsOverFourCenturies() {
    for days in stride(from: -200_000, through: 200_000, by: 37) {
      let (year, month, day) = Timestamp.civilDate(days: days)
      #expect(Timestamp.daysSinceEpoch(year: year, month: month, day: day) == days)
    }
  }
}

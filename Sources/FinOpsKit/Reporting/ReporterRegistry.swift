/// The reporters `finops report` knows.
public enum ReporterRegistry {
  /// Every built-in reporter, sorted by id.
  ///
  /// `ReporterRegistryTests` checks that each file in
  /// `Reporting/Reporters/` is listed here and that every format has a reporter.
  public static let builtIn: [any Reporter.Type] = [
    AllocationsCSVReporter.self,
    MonthlySummaryReporter.self,
    PilotsCSVReporter.self,
    SummaryJSONReporter.self,
    TeamsCSVReporter.self,
    UnallocatedCSVReporter.self,
  ]

  /// The reporters of one format.
  /// - Parameter format: The format.
  /// - Returns: Its reporters, sorted by id.
  public static func reporters(for format: ReportFormat) -> [any Reporter.Type] {
    builtIn.filter { $0.format == format }
  }
}

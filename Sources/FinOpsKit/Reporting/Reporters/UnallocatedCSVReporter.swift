/// `unallocated.csv`: every unallocated service by provider and sub-account, largest first.
public struct UnallocatedCSVReporter: Reporter {
  /// The reporter's id.
  public static let identifier = "unallocated-csv"
  /// What it shows.
  public static let summary = "Unallocated spend by provider, sub-account and service."
  /// Its format.
  public static let format = ReportFormat.csv
  /// The file it writes.
  public static let fileName = "unallocated.csv"

  /// Creates the reporter.
  public init() {}

  /// Renders the report.
  /// - Parameter context: The month's figures and templates.
  /// - Returns: The report text.
  /// - Throws: `ReportError` for a template problem.
  public func render(_ context: ReportContext) throws(ReportError) -> String {
    var table = CSVTable(header: [
      "month", "provider", "sub_account", "service", "spend", "charges",
    ])
    for item in context.summary.unallocatedItems {
      table.append([
        .number(context.summary.month.description), .text(item.provider),
        .text(item.subAccount), .text(item.service), .number(ReportNumber.money(item.amount)),
        .number(String(item.charges)),
      ])
    }
    return table.text
  }
}

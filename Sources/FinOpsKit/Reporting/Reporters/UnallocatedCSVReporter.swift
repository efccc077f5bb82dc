/// `unallocated.csv`: every unallocated service by provider and sub-account, largest first.
public struct UnallocatedCSVReporter: Reporter {
  public static let identifier = "unallocated-csv"
  public static let summary = "Unallocated spend by provider, sub-account and service."
  public static let format = ReportFormat.csv
  public static let fileName = "unallocated.csv"

  /// Creates the reporter.
  public init() {}

  public func render(_ context: ReportContext) throws(ReportError) -> String {
    var table = CSVTable(header: ["month", "provider", "sub_account", "service", "spend", "charges"])
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

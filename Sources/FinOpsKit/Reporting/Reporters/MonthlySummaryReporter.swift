/// The monthly Markdown summary (`reports/monthly-summary.md.mustache`): executive summary,
/// teams, pilots, AI spend, shared costs, unallocated items, top movers, data coverage and
/// Mermaid charts.
public struct MonthlySummaryReporter: Reporter {
  /// The reporter's id.
  public static let identifier = "monthly-summary"
  /// What it shows.
  public static let summary = "The month's budget picture in Markdown, with Mermaid charts."
  /// Its format.
  public static let format = ReportFormat.md
  /// The file it writes.
  public static let fileName = "summary.md"
  /// The template it renders.
  public static let templateName = "monthly-summary.md.mustache"

  /// Creates the reporter.
  public init() {}

  /// Renders the report.
  /// - Parameter context: The month's figures and templates.
  /// - Returns: The report text.
  /// - Throws: `ReportError` for a template problem.
  public func render(_ context: ReportContext) throws(ReportError) -> String {
    let template = try context.templates.template(Self.templateName)
    return template.render(MarkdownSummaryValues.make(context.summary))
  }
}

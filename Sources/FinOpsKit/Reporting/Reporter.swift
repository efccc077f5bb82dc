/// The output formats of `finops report`.
public enum ReportFormat: String, CaseIterable, Sendable {
  /// Markdown files.
  case md
  /// CSV files for spreadsheets.
  case csv
  /// One JSON object, for scripts (printed on stdout).
  case json
}

/// One report: a pure function from a month's figures to text.
///
/// Writing files, choosing paths and printing belong to the caller (`ReportWriter`). Add a
/// reporter in its own file under `Reporting/Reporters/` and list it in
/// `ReporterRegistry.builtIn`.
public protocol Reporter: Sendable {
  /// The kebab-case id (`monthly-summary`).
  static var identifier: String { get }
  /// One line saying what it shows.
  static var summary: String { get }
  /// The format it belongs to.
  static var format: ReportFormat { get }
  /// The file it is written to, under `reports/<month>/`.
  static var fileName: String { get }

  /// Creates the reporter.
  init()

  /// Renders the report.
  /// - Parameter context: The month's figures and the templates.
  /// - Returns: The report text.
  /// - Throws: `ReportError` for a missing or malformed template.
  func render(_ context: ReportContext) throws(ReportError) -> String
}

/// What a reporter renders from.
public struct ReportContext: Sendable {
  /// The month's figures.
  public var summary: MonthSummary
  /// The configuration the figures were computed with.
  public var configuration: FinOpsConfiguration
  /// The templates (built-in, possibly overridden).
  public var templates: TemplateLibrary

  /// Creates a context.
  /// - Parameters:
  ///   - summary: The month's figures.
  ///   - configuration: The configuration.
  ///   - templates: The templates.
  public init(
    summary: MonthSummary,
    configuration: FinOpsConfiguration,
    templates: TemplateLibrary = .builtIn
  ) {
    self.summary = summary
    self.configuration = configuration
    self.templates = templates
  }
}

import ArgumentParser
import FinOpsKit

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Report a month: budgets, pilots, innovation share, AI spend (Markdown, CSV, JSON).",
    discussion: """
      Markdown and CSV files go to DIR/reports/YYYY-MM/ (DIR is --out, default '.'); JSON is \
      printed on stdout. With --as-of, the month is in progress: figures count charges up to \
      that day and forecasts add usage at the recent daily run-rate (see the README).
      """
  )

  @OptionGroup var global: GlobalOptions
  @OptionGroup var month: MonthOption

  @Option(
    help: ArgumentHelp(
      "Count charges up to this day and forecast the rest of the month.",
      valueName: "YYYY-MM-DD"
    )
  )
  var asOf: String?

  @Option(help: ArgumentHelp("md, csv or json.", valueName: "format"))
  var format = "md"

  @Option(help: ArgumentHelp("Where reports/YYYY-MM/ is written.", valueName: "dir"))
  var out = "."

  @Option(
    help: ArgumentHelp(
      "A directory of *.mustache templates that override the built-in ones.",
      valueName: "dir"
    )
  )
  var templatesDir: String?

  func validate() throws {
    guard ReportFormat(rawValue: format) != nil else {
      throw ValidationError("--format must be md, csv or json, not '\(format)'")
    }
  }

  func run() throws {
    let reportMonth = ReportMonth(try month.value())
    do {
      let asOfDay = try asOf.flatMap { text throws(ReportError) in
        try ReportWriter.asOfDay(text, month: reportMonth)
      }
      let templates = try TemplateLibrary.loading(directory: templatesDir)
      let configuration = try LoadedConfiguration.load(global.config)
      let database = try SpendDatabase(path: global.databasePath)
      let summary = try MonthSummaryBuilder(configuration: configuration)
        .build(month: reportMonth, asOfDay: asOfDay, database: database)
      let context = ReportContext(
        summary: summary,
        configuration: configuration,
        templates: templates
      )
      let output = try ReportWriter.write(
        ReportFormat(rawValue: format) ?? .md,
        context: context,
        to: out
      )
      if let text = output.stdout { print(text, terminator: "") }
      for file in output.files { Diagnostics.write("wrote \(file)") }
    } catch {
      throw Diagnostics.fail(error)
    }
  }
}

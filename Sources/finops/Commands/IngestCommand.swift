import ArgumentParser
import FinOpsKit
import Foundation

struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Import billing exports (files or directories) as one batch.",
    discussion: """
      Accepts .csv, .csv.gz, .json and .jsonl files. The format is detected from the header;
      --format overrides it. The whole batch lands in one transaction or not at all. Identical
      content already imported is skipped; a file covering the same format, billing account and
      billing period as an earlier batch replaces it.
      """
  )

  @OptionGroup var global: GlobalOptions

  @Argument(help: ArgumentHelp("Files or directories to import.", valueName: "path"))
  var paths: [String]

  @Option(help: ArgumentHelp("Importer id to use instead of detection.", valueName: "id"))
  var format: String?

  @Flag(help: "Import the good rows and keep each bad row, with its reason, in the database.")
  var skipBadRows = false

  @Option(
    help: ArgumentHelp(
      "An AI rule file tried before the built-in rules (default: 'ai.rules' in the "
        + "configuration file, if it exists).",
      valueName: "path"
    )
  )
  var aiRules: String?

  func run() throws {
    do {
      let database = try SpendDatabase(path: global.databasePath)
      var registry = try ImporterRegistry.builtIn()
      if let directory = global.importersDir {
        registry = try registry.adding(directory: directory)
      }
      let ingestor = Ingestor(database: database, registry: registry)
      ingestor.aiClassifier = try AIClassifier.load(userRules: try userAIRules())
      let progress = Diagnostics.stderrIsTerminal ? ProgressLine() : nil
      if let progress { ingestor.onProgress = { progress.update($0) } }
      let report = try ingestor.ingest(
        IngestOptions(paths: paths, format: format, skipBadRows: skipBadRows)
      )
      progress?.finish()
      Diagnostics.write(IngestSummary.text(report))
    } catch {
      throw Diagnostics.fail(error)
    }
  }

  /// `--ai-rules`, else `ai.rules` of the configuration file when that file exists.
  private func userAIRules() throws -> String? {
    if let aiRules { return aiRules }
    guard FileManager.default.fileExists(atPath: global.config) else { return nil }
    return try LoadedConfiguration.load(global.config).aiRules
  }
}

import ArgumentParser
import FinOpsKit
import Foundation

struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Apply the AI classification rules again to every stored charge.",
    discussion: """
      Ingest classifies new charges; after changing your AI rule file, run this to classify the \
      charges already in the database (re-ingesting the same files would be skipped).
      """
  )

  @OptionGroup var global: GlobalOptions

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
      var rules = aiRules
      if rules == nil, FileManager.default.fileExists(atPath: global.config) {
        rules = try LoadedConfiguration.load(global.config).aiRules
      }
      let classifier = try AIClassifier.load(userRules: rules)
      let database = try SpendDatabase(path: global.databasePath)
      let changed = try classifier.reclassify(database)
      Diagnostics.write("classified again: \(changed) charge profiles changed")
    } catch {
      throw Diagnostics.fail(error)
    }
  }
}

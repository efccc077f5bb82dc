import ArgumentParser
import Foundation

/// Options every command that touches the database accepts.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The SQLite database (default: $FINOPS_DB, else ./finops.sqlite).",
      valueName: "path"
    )
  )
  var db: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A directory of importer mappings (*.yaml) that add to or override the built-in ones.",
      valueName: "dir"
    )
  )
  var importersDir: String?

  @Option(
    name: .long,
    help: ArgumentHelp("The configuration file (default: ./finops.yaml).", valueName: "path")
  )
  var config = "finops.yaml"

  /// The database path after applying the environment and the default.
  var databasePath: String {
    db ?? ProcessInfo.processInfo.environment["FINOPS_DB"] ?? "finops.sqlite"
  }
}

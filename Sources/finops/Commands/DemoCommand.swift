import ArgumentParser
import FinOpsKit
import Foundation

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Generate sample exports, ingest them into a fresh database and list the imports."
  )

  @Option(help: ArgumentHelp("Directory for the sample exports and database.", valueName: "dir"))
  var out = "finops-demo"

  func run() throws {
    do {
      let result = try Demo.run(directory: out)
      for line in result.log { Diagnostics.write(line) }
      print(ImportsListing.text(result.batches))
      print("")
      print(AllocationListing.text(result.allocation, configuration: result.configuration))
      print("")
      print(AlertsListing.text(result.alerts, month: 202610, asOfDay: result.alertsAsOfDay))
      if let summary = result.reportFiles.first {
        Diagnostics.write("reports: \(summary) and \(result.reportFiles.count - 1) CSV files")
      }
      Diagnostics.write(
        "demo database: \(result.databasePath); try 'finops allocate --month 2026-10 --db "
          + "\(result.databasePath) --config \(result.configurationPath)'"
      )
    } catch {
      throw Diagnostics.fail(error)
    }
  }
}

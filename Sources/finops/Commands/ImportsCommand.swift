import ArgumentParser
import FinOpsKit
import Foundation

struct ImportsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "imports",
    abstract: "List import batches: files, formats, accounts, periods, rows and totals."
  )

  @OptionGroup var global: GlobalOptions

  @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
  var format: OutputFormat = .text

  @Option(help: ArgumentHelp("Print the rows a batch set aside, with reasons.", valueName: "batch"))
  var rejected: Int64?

  enum OutputFormat: String, ExpressibleByArgument {
    case text, json
  }

  func run() throws {
    do {
      let database = try SpendDatabase(path: global.databasePath)
      if let batch = rejected {
        for row in try ImportHistory.rejectedRows(batchId: batch, in: database) {
          print("\(row.path):\(row.line): \(row.reason)\n  \(row.content)")
        }
        return
      }
      let batches = try ImportHistory.batches(in: database)
      print(format == .json ? ImportsListing.json(batches) : ImportsListing.text(batches))
    } catch {
      throw Diagnostics.fail(error)
    }
  }
}

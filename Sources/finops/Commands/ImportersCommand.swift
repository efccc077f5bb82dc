import ArgumentParser
import FinOpsKit

struct ImportersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "importers",
    abstract: "List the billing formats finops can import."
  )

  @OptionGroup var global: GlobalOptions

  func run() throws {
    do {
      var registry = try ImporterRegistry.builtIn()
      if let directory = global.importersDir {
        registry = try registry.adding(directory: directory)
      }
      var rows = [["id", "name", "files", "summary"]]
      for importer in registry.importers {
        let descriptor = importer.descriptor
        rows.append([
          descriptor.id, descriptor.displayName,
          descriptor.fileKinds.map(\.rawValue).joined(separator: ","), descriptor.summary,
        ])
      }
      print(TextTable.render(rows))
    } catch {
      throw Diagnostics.fail(error)
    }
  }
}

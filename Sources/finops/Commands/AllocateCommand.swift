import ArgumentParser
import FinOpsKit

struct AllocateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "allocate",
    abstract: "Attribute a month's spend to teams, pilots, shared splits or unallocated."
  )

  @OptionGroup var global: GlobalOptions
  @OptionGroup var month: MonthOption

  func run() throws {
    let monthKey = try month.value()
    do {
      let configuration = try LoadedConfiguration.load(global.config)
      let database = try SpendDatabase(path: global.databasePath)
      let allocation = try AllocationEngine(configuration: configuration)
        .allocate(month: monthKey, in: database)
      let resources = try UnallocatedResources.largest(in: allocation, database: database)
      print(
        AllocationListing.text(allocation, configuration: configuration, resources: resources)
      )
    } catch {
      throw Diagnostics.fail(error)
    }
  }
}

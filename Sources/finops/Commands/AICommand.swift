import ArgumentParser
import FinOpsKit
import Foundation

struct AICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ai",
    abstract:
      "Show a month's AI spend by provider, category, model and sub-account, with GPU-hours.",
    discussion: """
      AI spend is what ingest classified as AI (x_AICategory, see importers/ai/). GPU compute \
      counts as AI unless 'ai.count_gpu_compute: false' in finops.yaml; its GPU-hours and cost \
      per GPU-hour are shown either way. Amounts use the configuration's currency, FX rates and \
      cost basis; without ./finops.yaml (and no --config), USD and effective cost. The tokens \
      section divides OpenAI and Anthropic spend by the tokens of their usage reports (cost per \
      1M tokens by model and token type), in the provider's billing currency.
      """
  )

  enum OutputFormat: String, ExpressibleByArgument {
    case text, json
  }

  @OptionGroup var global: GlobalOptions
  @OptionGroup var month: MonthOption

  @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
  var format: OutputFormat = .text

  func run() throws {
    let monthKey = try month.value()
    do {
      let configuration =
        global.config == "finops.yaml" && !FileManager.default.fileExists(atPath: global.config)
        ? FinOpsConfiguration() : try LoadedConfiguration.load(global.config)
      let database = try SpendDatabase(path: global.databasePath)
      let spend = try AISpend.compute(
        month: monthKey,
        configuration: configuration,
        database: database
      )
      let tokens = try TokenUsageListing.section(
        month: monthKey,
        costBasis: configuration.costBasis,
        database: database
      )
      print(
        format == .json
          ? AISpendListing.json(spend, extra: [tokens])
          : AISpendListing.text(spend, extra: [tokens])
      )
    } catch {
      throw Diagnostics.fail(error)
    }
  }
}

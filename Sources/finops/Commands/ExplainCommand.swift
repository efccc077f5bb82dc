import ArgumentParser
import FinOpsKit

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show why a charge or a resource went where it went, rule by rule."
  )

  @OptionGroup var global: GlobalOptions

  @Option(help: ArgumentHelp("A charge id (see the focusCharge view).", valueName: "id"))
  var charge: Int64?

  @Option(help: ArgumentHelp("A resource id; its largest charge of --month.", valueName: "id"))
  var resource: String?

  @Option(help: ArgumentHelp("The month, YYYY-MM, with --resource.", valueName: "YYYY-MM"))
  var month: String?

  func validate() throws {
    guard (charge == nil) != (resource == nil) else {
      throw ValidationError("give either --charge ID or --resource ID --month YYYY-MM")
    }
    if resource != nil && month == nil {
      throw ValidationError("--resource needs --month YYYY-MM")
    }
  }

  func run() throws {
    do {
      let configuration = try LoadedConfiguration.load(global.config)
      let database = try SpendDatabase(path: global.databasePath)
      let found: (summary: String, attributes: ChargeAttributes)?
      if let charge {
        found = try AllocationExplainer.charge(id: charge, in: database)
      } else {
        let option = try MonthOption.parse(["--month", month ?? ""])
        found = try AllocationExplainer.resource(
          resource ?? "",
          month: try option.value(),
          in: database
        )
      }
      guard let found else {
        Diagnostics.write("error: no such charge or resource in the database")
        throw ExitCode(65)
      }
      print(found.summary)
      let explainer = AllocationExplainer(
        engine: AllocationEngine(configuration: configuration),
        configurationPath: global.config
      )
      for line in explainer.explain(found.attributes) { print(line) }
    } catch let exit as ExitCode {
      throw exit
    } catch {
      throw Diagnostics.fail(error)
    }
  }
}

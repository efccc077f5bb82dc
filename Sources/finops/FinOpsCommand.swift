import ArgumentParser
import FinOpsKit

/// The `finops` command: subcommands only.
@main
struct FinOpsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "finops",
    abstract: "Import cloud and AI billing exports, attribute spend, report on budgets.",
    version: FinOps.version,
    subcommands: [
      DemoCommand.self,
      IngestCommand.self,
      ImportsCommand.self,
      ImportersCommand.self,
      AllocateCommand.self,
      ExplainCommand.self,
      ReportCommand.self,
      AICommand.self,
      ClassifyCommand.self,
      AlertsCommand.self,
      DoctorCommand.self,
      GenerateCommand.self,
    ]
  )
}

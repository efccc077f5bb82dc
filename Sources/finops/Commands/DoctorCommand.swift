import ArgumentParser
import FinOpsKit

struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Verify a database: SQLite integrity, import totals, orphaned rows.",
    discussion: "Exits with 1 when a problem is found, 0 when the database is sound."
  )

  @OptionGroup var global: GlobalOptions

  func run() throws {
    let report: DatabaseDoctor.Report
    do {
      report = try DatabaseDoctor.check(try SpendDatabase(path: global.databasePath))
    } catch {
      throw Diagnostics.fail(error)
    }
    for finding in report.findings { Diagnostics.write("\(global.databasePath): \(finding)") }
    print(
      "checked \(report.scopesChecked) live scopes and \(report.chargesChecked) charges: "
        + (report.findings.isEmpty ? "no problems" : "\(report.findings.count) problems")
    )
    if !report.findings.isEmpty { throw ExitCode.failure }
  }
}

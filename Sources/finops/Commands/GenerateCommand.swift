import ArgumentParser
import FinOpsKit

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic FOCUS 1.2 export (for benchmarks and experiments).",
    shouldDisplay: false
  )

  @Option(help: "Number of charge rows.")
  var rows = 1_000_000

  @Option(help: ArgumentHelp("Billing month, YYYY-MM.", valueName: "month"))
  var month = "2026-10"

  @Option(help: ArgumentHelp("Output CSV file.", valueName: "path"))
  var out: String

  func run() throws {
    let parts = month.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 2, (1...12).contains(parts[1]) else {
      throw ValidationError("--month must look like 2026-10")
    }
    let total = try FOCUSExportGenerator(month: parts[0] * 100 + parts[1])
      .write(rows: rows, to: out)
    Diagnostics.write(
      "wrote \(rows) rows to \(out); BilledCost total "
        + ScaledDecimal.format(total, scale: 10, minimumFractionDigits: 2) + " USD"
    )
  }
}

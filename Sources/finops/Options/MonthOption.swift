import ArgumentParser

/// `--month YYYY-MM`, parsed into `YYYYMM`.
struct MonthOption: ParsableArguments {
  @Option(help: ArgumentHelp("The month to work on, YYYY-MM.", valueName: "YYYY-MM"))
  var month: String

  /// The month as `YYYYMM`.
  func value() throws -> Int {
    let parts = month.split(separator: "-")
    guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
      let number = Int(parts[1]),
      (1...12).contains(number)
    else { throw ValidationError("--month must look like 2026-10, not '\(month)'") }
    return year * 100 + number
  }
}

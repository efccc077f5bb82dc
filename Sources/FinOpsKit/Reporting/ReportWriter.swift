import Foundation

/// Runs the reporters of a format and writes their files under `<out>/reports/<month>/`.
public enum ReportWriter {
  /// What a report run produced.
  public struct Output: Sendable {
    /// The files written.
    public var files: [String] = []
    /// Text for stdout (the JSON report).
    public var stdout: String?
  }

  /// Renders every reporter of a format; JSON goes to stdout, the others to files.
  /// - Parameters:
  ///   - format: The format.
  ///   - context: The month's figures and templates.
  ///   - directory: The output directory (`reports/<month>/` is created under it).
  /// - Returns: The files written and the stdout text.
  /// - Throws: `ReportError` for a template problem or a file that cannot be written.
  public static func write(
    _ format: ReportFormat,
    context: ReportContext,
    to directory: String
  ) throws(ReportError) -> Output {
    var output = Output()
    let reporters = ReporterRegistry.reporters(for: format)
    if format == .json {
      output.stdout = try reporters.map { reporter throws(ReportError) in
        try reporter.init().render(context)
      }.joined()
      return output
    }
    let folder = (directory as NSString).appendingPathComponent(
      "reports/\(context.summary.month)"
    )
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(path: folder, reason: error.localizedDescription)
    }
    for reporter in reporters {
      let text = try reporter.init().render(context)
      let path = (folder as NSString).appendingPathComponent(reporter.fileName)
      do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw .cannotWrite(path: path, reason: error.localizedDescription)
      }
      output.files.append(path)
    }
    return output
  }

  /// Reads `--as-of YYYY-MM-DD` for a month: the day counted up to, or `nil` when the date is
  /// past the month (the month is complete).
  /// - Parameters:
  ///   - text: The date.
  ///   - month: The reported month.
  /// - Returns: The day of the month, or `nil`.
  /// - Throws: `ReportError.invalidDate` or `.asOfBeforeMonth`.
  public static func asOfDay(_ text: String, month: ReportMonth) throws(ReportError) -> Int? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let number = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(number), day >= 1, day <= Timestamp.daysInMonth(year: year, month: number)
    else { throw .invalidDate(text) }
    let asOfMonth = ReportMonth(year * 100 + number)
    if asOfMonth < month { throw .asOfBeforeMonth(asOf: text, month: month.description) }
    if asOfMonth > month || day >= month.days { return nil }
    return day
  }
}

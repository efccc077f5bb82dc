/// Why a report cannot be produced.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `--as-of` is not a date.
  case invalidDate(String)
  /// `--as-of` is before the reported month.
  case asOfBeforeMonth(asOf: String, month: String)
  /// The month could not be allocated.
  case allocation(AllocationError)
  /// A template is missing or malformed.
  case template(name: String, reason: String)
  /// A templates directory cannot be read.
  case templatesDirectory(path: String, reason: String)
  /// No reporter has this id.
  case unknownReporter(String, known: [String])
  /// A report file cannot be written.
  case cannotWrite(path: String, reason: String)

  /// A compiler-style message with a remedy.
  public var description: String {
    switch self {
    case .invalidDate(let text):
      return "error: '\(text)' is not a date\nnote: write it as YYYY-MM-DD, e.g. 2026-10-10"
    case .asOfBeforeMonth(let asOf, let month):
      return "error: --as-of '\(asOf)' is before the month '\(month)'\n"
        + "note: pass a day of \(month) (a month in progress) or a later day (a complete month)"
    case .allocation(let error): return error.description
    case .template(let name, let reason):
      return "\(name): error: \(reason)"
    case .templatesDirectory(let path, let reason):
      return "\(path): error: cannot read templates: \(reason)"
    case .unknownReporter(let id, let known):
      return "error: no report named '\(id)'\nnote: known reports: "
        + known.joined(separator: ", ")
    case .cannotWrite(let path, let reason):
      return "\(path): error: cannot write report: \(reason)"
    }
  }
}

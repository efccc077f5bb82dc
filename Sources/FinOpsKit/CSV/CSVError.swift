/// A malformed CSV stream, with the line where the problem starts.
public enum CSVError: Error, Equatable, Sendable {
  /// A quoted field is still open when the file ends.
  case unterminatedQuote(line: Int)
  /// A closing quote is followed by something other than a separator or a line end.
  case characterAfterClosingQuote(line: Int, field: Int)
  /// One record is larger than the reader accepts.
  case recordTooLarge(line: Int, limit: Int)
  /// The underlying file could not be read.
  case input(InputError)

  /// The line the problem was found on, when there is one.
  public var line: Int? {
    switch self {
    case .unterminatedQuote(let line), .characterAfterClosingQuote(let line, _),
      .recordTooLarge(let line, _):
      return line
    case .input: return nil
    }
  }

  /// The reason, without the file name or line (the caller adds them).
  public var reason: String {
    switch self {
    case .unterminatedQuote:
      return "unterminated quoted field: the file ends inside quotes that open on this line"
    case .characterAfterClosingQuote(_, let field):
      return "field \(field + 1) has text after its closing quote (a quote inside a quoted "
        + "field must be doubled)"
    case .recordTooLarge(_, let limit):
      return "record is larger than \(limit / (1 << 20)) MiB; the file is probably not CSV "
        + "or has an unbalanced quote"
    case .input(let error): return error.description
    }
  }
}

/// Why a JSON or JSON Lines file could not be read.
public enum JSONReadError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened or read.
  case input(InputError)
  /// The text is not valid JSON at a 1-based line and column (in bytes).
  case syntax(path: String, line: Int, column: Int, reason: String)
  /// A line of a JSON Lines file is longer than the reader accepts.
  case lineTooLong(path: String, line: Int, limit: Int)
  /// A JSON document is larger than the reader accepts.
  case documentTooLarge(path: String, limit: Int)

  /// A message in the compiler style (`file.jsonl:12:7: error: invalid JSON: ...`).
  public var description: String {
    switch self {
    case .input(let error):
      return error.description
    case .syntax(let path, let line, let column, let reason):
      return "\(path):\(line):\(column): error: invalid JSON: \(reason)"
    case .lineTooLong(let path, let line, let limit):
      return "\(path):\(line): error: line is longer than \(limit) bytes; is this JSON Lines?"
    case .documentTooLarge(let path, let limit):
      return "\(path): error: JSON document is larger than \(limit) bytes"
    }
  }
}

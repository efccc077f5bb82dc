/// Why a webhook delivery failed after its retries.
public enum WebhookError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The URL cannot be used.
  case invalidURL(String)
  /// The server answered with a status that is not 2xx.
  case status(Int, attempts: Int)
  /// No answer within the timeout.
  case timeout(attempts: Int)
  /// The connection failed (refused, unreachable, DNS).
  case connection(String, attempts: Int)

  /// Whether retrying may help (5xx, 429, timeouts, connection errors).
  public var isTransient: Bool {
    switch self {
    case .invalidURL: return false
    case .status(let code, _): return code >= 500 || code == 429 || code == 408
    case .timeout, .connection: return true
    }
  }

  /// A lowercase reason.
  public var description: String {
    switch self {
    case .invalidURL(let url): return "invalid webhook URL '\(url)'"
    case .status(let code, let attempts):
      return "webhook answered HTTP \(code)\(Self.after(attempts))"
    case .timeout(let attempts): return "webhook timed out\(Self.after(attempts))"
    case .connection(let reason, let attempts):
      return "cannot reach webhook: \(reason)\(Self.after(attempts))"
    }
  }

  private static func after(_ attempts: Int) -> String {
    attempts > 1 ? " (after \(attempts) attempts)" : ""
  }
}

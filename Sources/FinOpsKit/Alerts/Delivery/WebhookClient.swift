import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Posts JSON to a webhook, retrying transient failures with exponential backoff.
public struct WebhookClient: Sendable {
  /// How hard to try.
  public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all (at least 1).
    public var attempts: Int
    /// The wait before the second attempt, in seconds; it doubles after each failure.
    public var initialDelay: Double
    /// The longest wait between attempts, in seconds.
    public var maximumDelay: Double
    /// How long one attempt may take, in seconds.
    public var timeout: Double

    /// Creates a policy.
    /// - Parameters:
    ///   - attempts: Attempts in all.
    ///   - initialDelay: The first wait, in seconds.
    ///   - maximumDelay: The longest wait, in seconds.
    ///   - timeout: Per attempt, in seconds.
    public init(attempts: Int, initialDelay: Double, maximumDelay: Double, timeout: Double) {
      self.attempts = max(1, attempts)
      self.initialDelay = initialDelay
      self.maximumDelay = maximumDelay
      self.timeout = timeout
    }

    /// Four attempts, waiting 1, 2 and 4 seconds between them, 10 seconds per attempt.
    public static let standard = RetryPolicy(
      attempts: 4,
      initialDelay: 1,
      maximumDelay: 30,
      timeout: 10
    )

    /// The wait after failed attempt `number` (1-based).
    /// - Parameter number: The attempt that failed.
    /// - Returns: Seconds to wait.
    public func delay(after number: Int) -> Double {
      min(maximumDelay, initialDelay * Double(1 << min(max(number - 1, 0), 20)))
    }
  }

  /// The retry policy.
  public let policy: RetryPolicy

  /// Creates a client.
  /// - Parameter policy: How hard to try.
  public init(policy: RetryPolicy = .standard) { self.policy = policy }

  /// Posts a JSON body, retrying 5xx answers, timeouts and connection errors.
  /// - Parameters:
  ///   - body: The JSON text.
  ///   - url: The webhook.
  /// - Returns: The number of attempts it took.
  /// - Throws: `WebhookError` once the attempts are used up or on a permanent failure (4xx).
  @discardableResult
  public func post(_ body: String, to url: String) throws(WebhookError) -> Int {
    guard let target = URL(string: url), let scheme = target.scheme?.lowercased(),
      scheme == "http" || scheme == "https", target.host != nil
    else { throw .invalidURL(url) }
    var attempt = 1
    while true {
      let failure = once(Data(body.utf8), to: target, attempt: attempt)
      guard let failure else { return attempt }
      guard failure.isTransient, attempt < policy.attempts else { throw failure }
      Thread.sleep(forTimeInterval: policy.delay(after: attempt))
      attempt += 1
    }
  }

  private func once(_ body: Data, to url: URL, attempt: Int) -> WebhookError? {
    var request = URLRequest(url: url, timeoutInterval: policy.timeout)
    request.httpMethod = "POST"
    request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
    request.setValue("finops/\(FinOps.version)", forHTTPHeaderField: "User-Agent")
    request.httpBody = body
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = policy.timeout
    configuration.timeoutIntervalForResource = policy.timeout
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    let task = session.dataTask(with: request) { _, response, error in
      outcome.set(response: response, error: error)
      done.signal()
    }
    task.resume()
    // URLSession enforces the timeout; the extra wait only guards against a lost callback.
    if done.wait(timeout: .now() + policy.timeout + 5) == .timedOut {
      task.cancel()
      return .timeout(attempts: attempt)
    }
    let (response, error) = outcome.get()
    if let error {
      let code = (error as NSError).code
      if code == NSURLErrorTimedOut { return .timeout(attempts: attempt) }
      return .connection(error.localizedDescription, attempts: attempt)
    }
    guard let http = response as? HTTPURLResponse else {
      return .connection("no HTTP response", attempts: attempt)
    }
    return (200..<300).contains(http.statusCode)
      ? nil : .status(http.statusCode, attempts: attempt)
  }

  /// The callback's result, handed from URLSession's queue to the waiting thread.
  private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var response: URLResponse?
    private var error: (any Error)?

    func set(response: URLResponse?, error: (any Error)?) {
      lock.lock()
      defer { lock.unlock() }
      self.response = response
      self.error = error
    }

    func get() -> (URLResponse?, (any Error)?) {
      lock.lock()
      defer { lock.unlock() }
      return (response, error)
    }
  }
}

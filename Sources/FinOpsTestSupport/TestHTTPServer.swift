import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for webhook tests.
///
/// It answers each request with the next scripted `Response` (then `fallback`), records every
/// request it read, and runs on POSIX sockets with one thread per connection.
public final class TestHTTPServer: @unchecked Sendable {
  /// What to do with one request.
  public enum Response: Sendable {
    /// Answer with this status code.
    case status(Int)
    /// Read the request, then say nothing for this many seconds and close.
    case hang(seconds: Double)
  }

  /// A request as received.
  public struct Request: Sendable {
    /// `POST`, `GET`, ...
    public var method: String
    /// The request target (`/hook`).
    public var path: String
    /// Header values by lowercased name.
    public var headers: [String: String]
    /// The body as UTF-8 text.
    public var body: String
  }

  /// The port the server listens on.
  public let port: UInt16
  private let listener: Int32
  private let lock = NSLock()
  private var script: [Response]
  private let fallback: Response
  private var received: [Request] = []
  private var stopped = false

  /// Starts a server.
  /// - Parameters:
  ///   - responses: Answers for the first requests, in order.
  ///   - fallback: The answer once the script is used up.
  /// - Throws: `POSIXError` when the socket cannot be set up.
  public init(responses: [Response] = [], fallback: Response = .status(200)) throws {
    script = responses
    self.fallback = fallback
    let (socket, port) = try Self.bindLoopback()
    guard listen(socket, 16) == 0 else {
      close(socket)
      throw POSIXError(.EADDRINUSE)
    }
    listener = socket
    self.port = port
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  deinit { stop() }

  /// `http://127.0.0.1:PORT/hook`.
  public var url: String { "http://127.0.0.1:\(port)/hook" }

  /// The requests read so far.
  public var requests: [Request] {
    lock.lock()
    defer { lock.unlock() }
    return received
  }

  /// Stops accepting connections.
  public func stop() {
    lock.lock()
    let wasStopped = stopped
    stopped = true
    lock.unlock()
    guard !wasStopped else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  /// A URL on 127.0.0.1 where nothing listens (the port was bound, then released).
  /// - Returns: The URL.
  /// - Throws: `POSIXError` when no port can be bound.
  public static func refusedURL() throws -> String {
    let (socket, port) = try bindLoopback()
    close(socket)
    return "http://127.0.0.1:\(port)/hook"
  }

  // MARK: - Sockets

  private static func bindLoopback() throws -> (Int32, UInt16) {
    #if canImport(Glibc)
      let socketType = Int32(SOCK_STREAM.rawValue)
    #else
      let socketType = SOCK_STREAM
    #endif
    let fd = socket(AF_INET, socketType, 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else {
      close(fd)
      throw POSIXError(.EADDRINUSE)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, UInt16(bigEndian: address.sin_port))
  }

  private func acceptLoop() {
    while true {
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else {
        lock.lock()
        let done = stopped
        lock.unlock()
        if done || errno != EINTR { return }
        continue
      }
      let thread = Thread { [self] in handle(connection) }
      thread.start()
    }
  }

  private func handle(_ connection: Int32) {
    defer { close(connection) }
    guard let request = read(connection) else { return }
    lock.lock()
    received.append(request)
    let response = script.isEmpty ? fallback : script.removeFirst()
    lock.unlock()
    switch response {
    case .status(let code):
      let text =
        "HTTP/1.1 \(code) \(code < 300 ? "OK" : "Error")\r\nContent-Type: text/plain\r\n"
        + "Content-Length: 2\r\nConnection: close\r\n\r\nok"
      send(text, to: connection)
    case .hang(let seconds):
      Thread.sleep(forTimeInterval: seconds)
    }
  }

  private func send(_ text: String, to connection: Int32) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        write(connection, $0.baseAddress, $0.count)
      }
      guard written > 0 else { return }
      offset += written
    }
  }

  /// Reads the head and a `Content-Length` body, answering `Expect: 100-continue`.
  private func read(_ connection: Int32) -> Request? {
    var data = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    var headEnd: Int?
    while headEnd == nil {
      let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return nil }
      data += buffer[0..<count]
      headEnd = Self.find([13, 10, 13, 10], in: data)
    }
    guard let headEnd else { return nil }
    let head = String(decoding: data[0..<headEnd], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let requestLine = lines.removeFirst().split(separator: " ")
    var headers: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    if headers["expect"]?.lowercased() == "100-continue" {
      send("HTTP/1.1 100 Continue\r\n\r\n", to: connection)
    }
    let length = Int(headers["content-length"] ?? "0") ?? 0
    var body = Array(data[(headEnd + 4)...])
    while body.count < length {
      let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { break }
      body += buffer[0..<count]
    }
    return Request(
      method: requestLine.first.map(String.init) ?? "",
      path: requestLine.dropFirst().first.map(String.init) ?? "",
      headers: headers,
      body: String(decoding: body, as: UTF8.self)
    )
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count)
    where Array(haystack[start..<start + needle.count]) == needle {
      return start
    }
    return nil
  }
}

import Foundation

/// Runs the built `finops` binary end to end and captures what it prints.
public enum CommandRunner {
  /// What a run printed and returned.
  public struct Output: Sendable {
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
    /// The exit status.
    public var status: Int32
  }

  /// The built `finops` executable: next to the test bundle, else in `.build/debug`.
  public static var executable: URL {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("finops"),
      Bundle.main.bundleURL.appendingPathComponent("finops"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("finops"),
      Fixtures.packageRoot.appendingPathComponent(".build/debug/finops"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[candidates.count - 1]
  }

  /// Runs `finops` with arguments in a working directory.
  /// - Parameters:
  ///   - arguments: The command-line arguments.
  ///   - directory: The working directory.
  ///   - environment: Extra environment variables.
  ///   - program: Another program to run instead of `finops`.
  /// - Returns: The captured output and status.
  /// - Throws: An error if the process cannot start.
  public static func run(
    _ arguments: [String],
    in directory: URL,
    environment: [String: String] = [:],
    executable program: URL? = nil
  ) throws -> Output {
    let process = Process()
    process.executableURL = program ?? executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var merged = ProcessInfo.processInfo.environment
    merged.removeValue(forKey: "FINOPS_DB")
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain both pipes while the process runs so a full pipe never blocks it.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Output(
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self),
      status: process.terminationStatus
    )
  }
}

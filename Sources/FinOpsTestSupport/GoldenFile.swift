import Foundation

/// Compares output with a golden file in the source tree.
///
/// With `RECORD_GOLDEN=1` in the environment, or when the golden file does not exist yet, the
/// actual output is written to the file and the comparison fails, so that a recording is never
/// mistaken for a passing test. Review the diff, then run the tests again.
public enum GoldenFile {
  /// The outcome of a comparison.
  public enum Outcome: Equatable, Sendable {
    /// The output matches the file.
    case matches
    /// The file was (re)written; the test must fail.
    case recorded(path: String)
    /// The output differs; the message shows the first differing line.
    case differs(message: String)
  }

  /// Compares `actual` with the file at `path` (absolute).
  /// - Parameters:
  ///   - actual: The output produced by the test.
  ///   - path: The golden file.
  /// - Returns: Whether it matches, was recorded, or differs.
  public static func compare(_ actual: String, path: String) -> Outcome {
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
    let existing = try? String(contentsOfFile: path, encoding: .utf8)
    if record || existing == nil {
      try? FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true
      )
      try? actual.write(toFile: path, atomically: true, encoding: .utf8)
      return .recorded(path: path)
    }
    guard let expected = existing, expected != actual else { return .matches }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
      let left = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
      let right = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
      if left != right {
        return .differs(
          message: "\(path):\(index + 1): golden file differs\n  expected: \(left)\n"
            + "  actual:   \(right)\nrun with RECORD_GOLDEN=1 to accept the new output"
        )
      }
    }
    return .differs(message: "\(path): golden file differs")
  }
}

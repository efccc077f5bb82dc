import Foundation

/// A fresh directory under the system temporary folder, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
  /// The directory.
  public let url: URL

  /// Creates the directory.
  public init() {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("finops-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// A path inside the directory.
  /// - Parameter name: A relative name.
  /// - Returns: The absolute path.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes text to a file inside the directory.
  /// - Parameters:
  ///   - name: A relative name.
  ///   - text: The content, written as UTF-8.
  /// - Returns: The absolute path.
  @discardableResult
  public func write(_ name: String, _ text: String) -> String {
    let target = path(name)
    try? FileManager.default.createDirectory(
      atPath: (target as NSString).deletingLastPathComponent,
      withIntermediateDirectories: true
    )
    FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
    return target
  }

  /// Writes bytes to a file inside the directory.
  /// - Parameters:
  ///   - name: A relative name.
  ///   - bytes: The content.
  /// - Returns: The absolute path.
  @discardableResult
  public func write(_ name: String, bytes: [UInt8]) -> String {
    let target = path(name)
    FileManager.default.createFile(atPath: target, contents: Data(bytes))
    return target
  }
}

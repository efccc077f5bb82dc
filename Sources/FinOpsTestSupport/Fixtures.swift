import Foundation

/// Locates the package's source tree and its fixture files from test code.
public enum Fixtures {
  /// The package root (the folder holding `Package.swift`).
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }()

  /// `Tests/FinOpsKitTests/Fixtures`.
  public static let directory = packageRoot.appendingPathComponent(
    "Tests/FinOpsKitTests/Fixtures"
  )

  /// The shared real-world samples folder (`../shared/samples`), when it is present.
  public static let sharedSamples: URL? = {
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()

  /// The path of a fixture file.
  /// - Parameter relative: The path below `Fixtures/`.
  /// - Returns: The absolute path.
  public static func path(_ relative: String) -> String {
    directory.appendingPathComponent(relative).path
  }

  /// The case names (file names without extension) of an importer's fixtures.
  /// - Parameter importer: The importer id.
  /// - Returns: Sorted case names that have an input file (not `.expected.csv`).
  public static func cases(for importer: String) -> [String] {
    let folder = directory.appendingPathComponent("importers/\(importer)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.contains(".expected.") }.map { name in
      var base = name
      for suffix in [".csv.gz", ".csv", ".jsonl", ".json"] where base.hasSuffix(suffix) {
        base = String(base.dropLast(suffix.count))
        break
      }
      return base
    }.sorted()
  }
}

import Foundation

/// The importers finops knows: the built-in mappings of `importers/`, the code importers, and any
/// mappings a user adds or overrides from a directory.
public struct ImporterRegistry: Sendable {
  /// The importers, sorted by id.
  public private(set) var importers: [any Importer]

  /// Code importers, one file each under `Import/Importers/`, sorted by id.
  static let codeImporters: [any Importer] = [
    AnthropicConsoleCostImporter(),
    AnthropicCostReportImporter(),
    AnthropicUsageReportImporter(),
    GCPBillingExportImporter(),
    OpenAICostsImporter(),
    OpenAIUsageImporter(),
  ]

  /// The built-in importers.
  /// - Returns: The registry of built-in mappings and code importers.
  /// - Throws: `MappingError` if an embedded mapping is invalid (a test prevents this).
  public static func builtIn() throws(MappingError) -> ImporterRegistry {
    var importers = codeImporters
    for (name, text) in BuiltinMappings.files {
      importers.append(try MappingImporter(yaml: text, source: "importers/\(name)"))
    }
    return ImporterRegistry(importers: importers)
  }

  /// Creates a registry from a list, sorted by id.
  /// - Parameter importers: The importers.
  public init(importers: [any Importer]) {
    self.importers = importers.sorted { $0.descriptor.id < $1.descriptor.id }
  }

  /// Adds the `*.yaml` mappings of a directory; one with an existing id replaces it.
  /// - Parameter directory: A folder of mapping files.
  /// - Returns: The extended registry.
  /// - Throws: `MappingError` for an unreadable or invalid mapping.
  public func adding(directory: String) throws(MappingError) -> ImporterRegistry {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    } catch {
      throw .invalid(source: directory, reason: "cannot list directory: \(error)")
    }
    var byId: [String: any Importer] = [:]
    for importer in importers { byId[importer.descriptor.id] = importer }
    for name in names {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw .invalid(source: path, reason: "cannot read file")
      }
      let importer = try MappingImporter(yaml: text, source: path)
      byId[importer.descriptor.id] = importer
    }
    return ImporterRegistry(importers: Array(byId.values))
  }

  /// The importer with an id.
  /// - Parameter id: The kebab-case id.
  /// - Returns: The importer, or `nil`.
  public func importer(id: String) -> (any Importer)? {
    importers.first { $0.descriptor.id == id }
  }

  /// The importers that recognize a sample, with the versions they detected.
  /// - Parameter sample: The file's start.
  /// - Returns: Matches, in registry order.
  public func recognizers(of sample: FileSample) -> [(importer: any Importer, version: String?)] {
    importers.compactMap { importer in
      if case .match(let version) = importer.recognize(sample) { return (importer, version) }
      return nil
    }
  }

  /// The importers that came closest to recognizing a sample, for the unknown-format error.
  ///
  /// Importers that found some of their detection columns come first (most found, then fewest
  /// lacking), at most three; when the file shares no detection column with any importer,
  /// every importer of its kind is listed, by id, so the message names all the formats it could
  /// have been.
  /// - Parameter sample: The file's start.
  /// - Returns: The candidates with the columns they lacked, closest first.
  public func closestCandidates(to sample: FileSample) -> [ImportError.FormatCandidate] {
    var misses: [(candidate: ImportError.FormatCandidate, found: Int)] = []
    for importer in importers where importer.descriptor.fileKinds.contains(sample.kind) {
      guard case .miss(let missing) = importer.recognize(sample) else { continue }
      var empty = sample
      empty.header = []
      var detection = missing.count
      if case .miss(let all) = importer.recognize(empty) { detection = all.count }
      misses.append(
        (.init(id: importer.descriptor.id, missing: missing), detection - missing.count)
      )
    }
    let related = misses.filter { $0.found > 0 }.sorted {
      ($0.found, -$0.candidate.missing.count) > ($1.found, -$1.candidate.missing.count)
    }
    if related.isEmpty { return misses.map(\.candidate) }
    return Array(related.prefix(3).map(\.candidate))
  }
}

import Foundation

/// Writes daily buckets as saved API pages (seven buckets per page), for the demo's OpenAI and
/// Anthropic generators.
enum APIPageWriter {
  /// The bucket shape of a provider.
  enum Style {
    /// `{"object": "bucket", "start_time": <unix>, "end_time": <unix>, "results": [...]}`
    /// in `{"object": "page", "data": [...], "has_more": ..., "next_page": ...}`.
    case openAI
    /// `{"starting_at": "<RFC 3339>", "ending_at": "<RFC 3339>", "results": [...]}` in
    /// `{"data": [...], "has_more": ..., "next_page": ...}`.
    case anthropic
  }

  /// The buckets per page (the APIs' default `limit` for daily buckets).
  static let bucketsPerPage = 7

  /// Writes numbered page files (`page-1.json`...) into a folder, which is created.
  /// - Parameters:
  ///   - buckets: Day starts with their results, already JSON objects.
  ///   - folder: The folder.
  ///   - style: The provider's shape.
  /// - Throws: File errors.
  static func writePages(_ buckets: [(Int64, [String])], to folder: String, style: Style) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let pages = stride(from: 0, to: buckets.count, by: bucketsPerPage).map {
      Array(buckets[$0..<min($0 + bucketsPerPage, buckets.count)])
    }
    for (index, page) in pages.enumerated() {
      let hasMore = index + 1 < pages.count
      let items = page.map { start, results in
        let body =
          results.isEmpty
          ? "[]" : "[\n        " + results.joined(separator: ",\n        ") + "\n      ]"
        switch style {
        case .openAI:
          return
            "{\"object\": \"bucket\", \"start_time\": \(start), \"end_time\": \(start + 86_400), "
            + "\"results\": \(body)}"
        case .anthropic:
          return "{\"starting_at\": \"\(Timestamp.iso8601(start))\", "
            + "\"ending_at\": \"\(Timestamp.iso8601(start + 86_400))\", \"results\": \(body)}"
        }
      }
      let next = hasMore ? "\"page_demo_\(index + 2)\"" : "null"
      let head =
        style == .openAI
        ? "{\n  \"object\": \"page\",\n  \"data\": [\n    " : "{\n  \"data\": [\n    "
      let text =
        head + items.joined(separator: ",\n    ") + "\n  ],\n  \"has_more\": \(hasMore),\n"
        + "  \"next_page\": \(next)\n}\n"
      let path = (folder as NSString).appendingPathComponent("page-\(index + 1).json")
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
  }
}

import Foundation

/// A saved AI provider API response page (OpenAI organization costs and usage, Anthropic Admin
/// API cost and usage reports), read whole and checked, for the code importers.
///
/// A page is `{"data": [bucket...], "has_more": ..., "next_page": ...}`; a bare array of buckets
/// (as printed by the OpenAI cookbook) is accepted too. Pages of one paginated fetch are saved
/// as separate files and ingested together as one batch.
struct APIPageFile {
  /// The largest page read (API pages are kilobytes; this guards against a wrong file).
  static let maximumBytes = 256 << 20

  /// The file.
  let file: ImportFile
  /// The importer id, for messages.
  let format: String
  /// The root value.
  let root: LocatedJSONValue

  /// Reads and parses a page.
  /// - Throws: `ImportError.badRow` naming the line and column of invalid JSON or UTF-8.
  init(_ file: ImportFile, format: String) throws(ImportError) {
    self.file = file
    self.format = format
    let bytes = try Self.readAll(file.path)
    do throws(UTF8Check.Failure) {
      try bytes.withUnsafeBufferPointer { buffer throws(UTF8Check.Failure) in
        try UTF8Check.validate(buffer)
      }
    } catch {
      throw .badRow(
        path: file.path,
        format: format,
        line: 1,
        RowError(reason: "file is not valid UTF-8 text")
      )
    }
    let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    root = try bytes.withUnsafeBufferPointer { buffer throws(ImportError) in
      let text = UnsafeBufferPointer(rebasing: buffer[skip...])
      do throws(JSONSyntaxError) {
        return try JSONParser.parseDocument(text).rootNode
      } catch {
        let (line, column) = JSONDocumentReader.position(of: error.offset, in: text)
        throw .badRow(
          path: file.path,
          format: format,
          line: line,
          RowError(reason: "invalid JSON at column \(column): \(error.reason)")
        )
      }
    }
  }

  /// The buckets of the page, in file order.
  /// - Throws: `ImportError.badRow` when the page has no `data` array.
  func buckets() throws(ImportError) -> [LocatedJSONValue] {
    if let items = root.elements { return items }
    guard let data = root["data"], let items = data.elements else {
      throw failure(root, "the page has no 'data' array of buckets")
    }
    return items
  }

  /// The results of a bucket (`results`, or the older `result`); empty for an empty bucket.
  func results(of bucket: LocatedJSONValue) throws(ImportError) -> [LocatedJSONValue] {
    guard bucket.members != nil else { throw failure(bucket, "a bucket must be an object") }
    guard let node = bucket["results"] ?? bucket["result"], !node.isNull else { return [] }
    guard let items = node.elements else {
      throw failure(node, "'results' must be an array, not \(node.shown)")
    }
    return items
  }

  /// A bucket's period from Unix seconds (`start_time`, `end_time`: OpenAI) or RFC 3339 text
  /// (`starting_at`, `ending_at`: Anthropic).
  func period(of bucket: LocatedJSONValue) throws(ImportError) -> (start: Int64, end: Int64) {
    let start = try instant(bucket, keys: ["start_time", "starting_at"])
    let end = try instant(bucket, keys: ["end_time", "ending_at"])
    guard end > start else {
      throw failure(
        bucket,
        "bucket ends (\(Timestamp.iso8601(end))) before it starts (\(Timestamp.iso8601(start)))"
      )
    }
    return (start, end)
  }

  private func instant(_ bucket: LocatedJSONValue, keys: [String]) throws(ImportError) -> Int64 {
    for key in keys {
      guard let node = bucket[key] else { continue }
      switch node.value {
      case .number(let text):
        guard let seconds = Int64(text) else {
          throw failure(node, "'\(key)' is not whole Unix seconds: '\(text)'")
        }
        return seconds
      case .string(let text):
        do {
          return try Timestamp.parse(text)
        } catch {
          throw failure(node, "'\(key)' is not an RFC 3339 time: '\(text)'")
        }
      default:
        throw failure(node, "'\(key)' must be a time, not \(node.shown)")
      }
    }
    throw failure(bucket, "bucket has no '\(keys[0])' (or '\(keys[1])')")
  }

  /// A text member; `nil` when absent, null, an array or an object.
  func text(_ node: LocatedJSONValue, _ key: String) -> String? {
    node[key]?.value.scalarText
  }

  /// An error at a value's line.
  func failure(_ node: LocatedJSONValue, _ reason: String) -> ImportError {
    .badRow(path: file.path, format: format, line: node.line, RowError(reason: reason))
  }

  /// A row error at a value's line (for `RowPolicy.reject`).
  func rowFailure(_ node: LocatedJSONValue, _ error: RowError) -> ImportError {
    .badRow(path: file.path, format: format, line: node.line, error)
  }

  /// Whether a file sample looks like a page of buckets (with the given time key) and the
  /// text is present, or the page has no results at all and the file name hints at the kind.
  static func sample(
    _ sample: FileSample,
    has needles: [String],
    timeKey: String,
    nameHint: String
  ) -> Bool {
    guard sample.kind == .json else { return false }
    let text = String(decoding: sample.prefix, as: UTF8.self)
    guard text.contains("\"\(timeKey)\"") else { return false }
    if needles.allSatisfy({ text.contains($0) }) { return true }
    // A page whose buckets are all empty says nothing about its kind: the file name, or the
    // name of its folder (a folder of saved pages), decides.
    let name = nameAndFolder(sample.path)
    return name.contains(nameHint) && !text.contains("organization.")
      && !text.contains("\"amount\"") && !text.contains("_tokens\"")
  }

  /// The file name and its folder's name, lowercased (`costs-2026-10/page-3.json`).
  static func nameAndFolder(_ path: String) -> String {
    path.lowercased().split(separator: "/").suffix(2).joined(separator: "/")
  }

  /// A JSON object of the members of a result that the importer did not map, keyed by their
  /// source name, so that nothing is lost; `nil` when there are none.
  static func extras(of result: LocatedJSONValue, except used: Set<String>) -> String? {
    let kept = (result.members ?? []).filter { !used.contains($0.key) && !$0.node.isNull }
    guard !kept.isEmpty else { return nil }
    return "{"
      + kept.map { JSONText.quoted($0.key) + ":" + $0.node.value.jsonText }.joined(separator: ",")
      + "}"
  }

  private static func readAll(_ path: String) throws(ImportError) -> [UInt8] {
    do {
      return try JSONDocumentReader.readBytes(path: path, maximumBytes: maximumBytes)
    } catch .input(let error) {
      throw .input(error)
    } catch {
      throw .inconsistentBatch(
        path: path,
        format: "json",
        reason: "file is larger than \(maximumBytes >> 20) MiB; API pages are far smaller"
      )
    }
  }
}

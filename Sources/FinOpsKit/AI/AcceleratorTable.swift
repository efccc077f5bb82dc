/// Accelerators per instance type (`importers/ai/gpu-instances.csv`): how many GPUs (or
/// Trainium, Inferentia, TPU chips) an instance carries, and which model, so that GPU-hours =
/// instance hours x accelerators per instance.
///
/// Instance types are found in free text (`$1.624 per On Demand Linux g5.4xlarge Instance
/// Hour`, `USE1-Train:ml.p4d.24xlarge`, `Standard_NC24ads_A100_v4`, `NC24ads A100 v4`,
/// `Nvidia H100 80GB GPU running in Americas`): the text is split into words at spaces and
/// punctuation other than `.`, `-` and `_`, and runs of up to five words are looked up, the
/// longest first. Names compare case-insensitively, without a `Standard_` or `ml.` prefix, with
/// spaces and underscores alike or absent.
public struct AcceleratorTable: Sendable, Equatable {
  /// One row of the table.
  public struct Entry: Sendable, Equatable {
    /// The cloud (`aws`, `azure`, `gcp`), for readers of the table.
    public var provider: String
    /// The instance type, VM size, machine type or per-GPU SKU name.
    public var instanceType: String
    /// Accelerators per instance (fractional for partial GPUs).
    public var count: Double
    /// The accelerator (`NVIDIA H100`).
    public var model: String

    /// Creates a row.
    public init(provider: String, instanceType: String, count: Double, model: String) {
      self.provider = provider
      self.instanceType = instanceType
      self.count = count
      self.model = model
    }
  }

  /// The rows, in file order (later rows override earlier ones with the same name).
  public private(set) var entries: [Entry] = []
  private var index: [String: Int] = [:]
  private static let longestRun = 5

  /// Creates a table.
  /// - Parameter entries: The rows; a later row replaces an earlier one of the same name.
  public init(_ entries: [Entry] = []) {
    for entry in entries { add(entry) }
  }

  /// Adds a row, replacing any row of the same name.
  /// - Parameter entry: The row.
  public mutating func add(_ entry: Entry) {
    let words = Self.words(in: entry.instanceType).map(Self.normalize)
    let keys = [words.joined(separator: "_"), words.joined()]
    if let existing = index[keys[0]] {
      entries[existing] = entry
      return
    }
    entries.append(entry)
    for key in keys { index[key] = entries.count - 1 }
  }

  /// Parses the CSV form: a header `provider,instance_type,accelerators,accelerator`, then one
  /// row per instance type; lines starting with `#` are comments.
  /// - Parameters:
  ///   - csv: The text.
  ///   - path: The file name for messages.
  /// - Returns: The table.
  /// - Throws: `ConfigurationError` naming the line of a malformed row.
  public static func parse(csv: String, path: String) throws(ConfigurationError) -> AcceleratorTable
  {
    var table = AcceleratorTable()
    var sawHeader = false
    for (offset, rawLine) in csv.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.trimmingCharacters(in: [" ", "\r", "\t"])
      if line.isEmpty || line.hasPrefix("#") { continue }
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: [" ", "\t"])
      }
      if !sawHeader {
        guard cells == ["provider", "instance_type", "accelerators", "accelerator"] else {
          throw ConfigurationError(
            path: path,
            line: offset + 1,
            message: "the header must be 'provider,instance_type,accelerators,accelerator'"
          )
        }
        sawHeader = true
        continue
      }
      guard cells.count == 4, !cells[1].isEmpty, !cells[3].isEmpty,
        let count = Self.count(cells[2])
      else {
        throw ConfigurationError(
          path: path,
          line: offset + 1,
          message: "expected 'provider,instance_type,accelerators,accelerator' with a positive "
            + "count, found '\(line)'"
        )
      }
      table.add(Entry(provider: cells[0], instanceType: cells[1], count: count, model: cells[3]))
    }
    return table
  }

  /// The first instance type named in the texts, tried in order.
  /// - Parameter texts: Descriptions, SKU names, usage types...
  /// - Returns: The table row, or `nil` when no text names a known instance type.
  public func lookup(_ texts: [String]) -> Entry? {
    for text in texts {
      let words = Self.words(in: text).map(Self.normalize)
      for start in words.indices {
        for length in stride(from: min(Self.longestRun, words.count - start), through: 1, by: -1) {
          let run = words[start..<start + length]
          if let found = index[run.joined(separator: "_")] ?? index[run.joined()] {
            return entries[found]
          }
        }
      }
    }
    return nil
  }

  /// A positive count: a decimal number or a fraction such as `1/6` (a partial GPU).
  /// - Parameter text: The count as written.
  /// - Returns: The count, or `nil` when it is not a positive number.
  public static func count(_ text: String) -> Double? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let numerator = Double(parts[0]) else { return nil }
    let denominator = parts.count == 2 ? Double(parts[1]) : 1
    guard let denominator, denominator > 0 else { return nil }
    let value = numerator / denominator
    return value > 0 && value.isFinite ? value : nil
  }

  private static func words(in text: String) -> [Substring] {
    text.split { character in
      !(character.isLetter || character.isNumber || character == "." || character == "-"
        || character == "_")
    }
  }

  private static func normalize(_ word: Substring) -> String {
    var text = word.lowercased()
    for prefix in ["standard_", "ml."] where text.hasPrefix(prefix) {
      text.removeFirst(prefix.count)
    }
    return text.replacingOccurrences(of: "_", with: "")
  }
}

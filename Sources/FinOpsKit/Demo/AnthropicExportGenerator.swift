import Foundation

/// Writes realistic synthetic Anthropic Admin API cost report and messages usage report pages
/// for a month.
///
/// Daily buckets grouped by workspace and model (usage) or by workspace and description (cost),
/// seven per page. Cost amounts are in cents as decimal strings, as the API writes them, and are
/// the usage tokens times list prices computed exactly. Used by `finops demo`.
public struct AnthropicExportGenerator: Sendable {
  /// A model with its prices in nano-units per token (dollars per 1M tokens times 1000).
  struct Model {
    var id: String
    var name: String
    var input: Int64
    var cacheRead: Int64
    var cacheWrite5m: Int64
    var output: Int64
  }

  static let sonnet = Model(
    id: "claude-sonnet-4-20250514",
    name: "Claude Sonnet 4",
    input: 3_000,
    cacheRead: 300,
    cacheWrite5m: 3_750,
    output: 15_000
  )
  static let haiku = Model(
    id: "claude-haiku-4-5",
    name: "Claude Haiku 4.5",
    input: 1_000,
    cacheRead: 100,
    cacheWrite5m: 1_250,
    output: 5_000
  )

  /// Workspaces (`nil` is the default workspace) with their models and daily input volume.
  static let workspaces: [(id: String?, models: [(Model, Int64)])] = [
    ("wrkspc_support_copilot", [(sonnet, 40_000_000), (haiku, 150_000_000)]),
    ("wrkspc_ai_lab", [(sonnet, 25_000_000)]),
    (nil, [(haiku, 8_000_000)]),
  ]

  /// The month (YYYYMM).
  public var month: Int
  /// The seed of the daily volumes.
  public var seed: UInt64

  /// Creates a generator.
  /// - Parameters:
  ///   - month: The month (YYYYMM).
  ///   - seed: Any value; the same seed gives the same pages.
  public init(month: Int, seed: UInt64) {
    self.month = month
    self.seed = seed
  }

  /// Writes the month's cost report and usage report pages.
  /// - Parameter folder: The folder that receives `cost-report-YYYYMM/` and
  ///   `usage-report-YYYYMM/`.
  /// - Returns: The folders written.
  /// - Throws: File errors.
  @discardableResult
  public func write(to folder: String) throws -> [String] {
    var random = SeededGenerator(seed: seed)
    let (year, monthNumber) = (month / 100, month % 100)
    var costs: [(Int64, [String])] = []
    var usage: [(Int64, [String])] = []
    for day in 1...Timestamp.daysInMonth(year: year, month: monthNumber) {
      let start = Int64(Timestamp.daysSinceEpoch(year: year, month: monthNumber, day: day)) * 86_400
      let weekend = (start / 86_400 + 4) % 7 >= 5
      var dayCosts: [String] = []
      var dayUsage: [String] = []
      for (workspace, models) in Self.workspaces {
        // The AI Lab does not work on weekends: its buckets are empty then.
        if weekend && workspace == "wrkspc_ai_lab" { continue }
        for (model, volume) in models {
          let input =
            volume * Int64.random(in: 70...130, using: &random) * (weekend ? 4 : 10) / 1_000
          let read = input * Int64.random(in: 2...6, using: &random) / 10
          let write = input / Int64.random(in: 15...30, using: &random)
          let output = input / Int64.random(in: 6...12, using: &random)
          let ws = workspace.map(JSONText.quoted) ?? "null"
          dayUsage.append(
            "{\"uncached_input_tokens\": \(input), \"cache_creation\": "
              + "{\"ephemeral_1h_input_tokens\": 0, \"ephemeral_5m_input_tokens\": \(write)}, "
              + "\"cache_read_input_tokens\": \(read), \"output_tokens\": \(output), "
              + "\"server_tool_use\": {\"web_search_requests\": 0}, \"api_key_id\": null, "
              + "\"workspace_id\": \(ws), \"model\": \(JSONText.quoted(model.id)), "
              + "\"service_tier\": \"standard\", \"context_window\": \"0-200k\"}"
          )
          let parts: [(String, String, Int64, Int64)] = [
            ("Input Tokens", "uncached_input_tokens", input, model.input),
            ("Cache Read", "cache_read_input_tokens", read, model.cacheRead),
            (
              "5m Cache Write", "cache_creation.ephemeral_5m_input_tokens", write,
              model.cacheWrite5m
            ),
            ("Output Tokens", "output_tokens", output, model.output),
          ]
          for (label, tokenType, tokens, price) in parts where tokens > 0 {
            // Nano-dollars divided by 10^7 are cents: the API's "lowest currency units".
            let cents = ScaledDecimal.format(tokens * price, scale: 7)
            dayCosts.append(
              "{\"currency\": \"USD\", \"amount\": \"\(cents)\", \"workspace_id\": \(ws), "
                + "\"description\": \(JSONText.quoted("\(model.name) Usage - \(label)")), "
                + "\"cost_type\": \"tokens\", \"context_window\": \"0-200k\", "
                + "\"model\": \(JSONText.quoted(model.id)), \"service_tier\": \"standard\", "
                + "\"token_type\": \"\(tokenType)\"}"
            )
          }
        }
      }
      costs.append((start, dayCosts))
      usage.append((start, dayUsage))
    }
    let costFolder = (folder as NSString).appendingPathComponent("cost-report-\(month)")
    let usageFolder = (folder as NSString).appendingPathComponent("usage-report-\(month)")
    try APIPageWriter.writePages(costs, to: costFolder, style: .anthropic)
    try APIPageWriter.writePages(usage, to: usageFolder, style: .anthropic)
    return [costFolder, usageFolder]
  }
}

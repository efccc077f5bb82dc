import Foundation

/// Writes realistic synthetic OpenAI organization Costs and Usage API pages for a month.
///
/// Daily buckets, grouped by project and line item (costs) or by project and model (usage),
/// seven buckets per page as the API returns them by default. Costs are the usage tokens times
/// list prices, computed exactly in nano-units, so that cost per 1M tokens comes out at the
/// price. `amount.value` is written as a JSON number on odd days and as a string on even days,
/// as the API does both. Used by `finops demo`.
public struct OpenAIExportGenerator: Sendable {
  /// A model with its prices in nano-units per token (dollars per 1M tokens times 1000).
  struct Model {
    var id: String
    var input: Int64
    var cachedInput: Int64
    var output: Int64
  }

  /// A project with the models it uses and its daily volume.
  struct Project {
    var id: String?
    var models: [(model: Model, dailyInputTokens: Int64)]
  }

  static let gpt4o = Model(
    id: "gpt-4o-2024-08-06",
    input: 2_500,
    cachedInput: 1_250,
    output: 10_000
  )
  static let gpt4oMini = Model(
    id: "gpt-4o-mini-2024-07-18",
    input: 150,
    cachedInput: 75,
    output: 600
  )
  static let embedding = Model(id: "text-embedding-3-small", input: 20, cachedInput: 20, output: 0)

  /// The demo's projects: the Support Copilot pilot, Search, the AI Lab and the default project.
  static let projects = [
    Project(
      id: "proj_support_copilot",
      models: [(gpt4o, 60_000_000), (gpt4oMini, 300_000_000)]
    ),
    Project(id: "proj_search", models: [(gpt4oMini, 400_000_000), (embedding, 2_000_000_000)]),
    Project(id: "proj_ai_lab", models: [(gpt4o, 30_000_000)]),
    Project(id: nil, models: [(gpt4oMini, 20_000_000)]),
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

  /// One day of one project and model: tokens by type and the cost of each type.
  struct DayUsage {
    var project: String?
    var model: Model
    var input: Int64
    var cached: Int64
    var output: Int64
    var requests: Int64
  }

  /// The usage of every day of the month from `firstDay`, in day order.
  func days(from firstDay: Int = 1) -> [(start: Int64, usage: [DayUsage])] {
    var random = SeededGenerator(seed: seed)
    let (year, monthNumber) = (month / 100, month % 100)
    var result: [(Int64, [DayUsage])] = []
    for day in 1...Timestamp.daysInMonth(year: year, month: monthNumber) {
      let start = Int64(Timestamp.daysSinceEpoch(year: year, month: monthNumber, day: day)) * 86_400
      var usage: [DayUsage] = []
      let weekend = (start / 86_400 + 4) % 7 >= 5
      for project in Self.projects {
        for (model, volume) in project.models {
          let factor = Int64.random(in: 70...130, using: &random) * (weekend ? 4 : 10)
          let tokens = volume * factor / 1_000
          let cached =
            model.id == Self.embedding.id ? 0 : tokens / Int64.random(in: 4...8, using: &random)
          let output = model.output == 0 ? 0 : tokens / Int64.random(in: 8...14, using: &random)
          usage.append(
            DayUsage(
              project: project.id,
              model: model,
              input: tokens,
              cached: cached,
              output: output,
              requests: max(1, tokens / 2_500)
            )
          )
        }
      }
      if day >= firstDay { result.append((start, usage)) }
    }
    return result
  }

  /// Writes the month's cost pages, completions usage pages and embeddings usage pages.
  /// - Parameters:
  ///   - folder: The folder that receives `costs-YYYYMM/`, `usage-completions-YYYYMM/` and
  ///     `usage-embeddings-YYYYMM/`.
  ///   - firstDay: The first day fetched (a later fetch of the end of the month).
  /// - Returns: The folders written.
  /// - Throws: File errors.
  @discardableResult
  public func write(to folder: String, firstDay: Int = 1) throws -> [String] {
    let days = days(from: firstDay)
    let costs = days.map { day in
      (day.start, day.usage.flatMap { costResults($0, start: day.start) })
    }
    let completions = days.map { day in
      (day.start, day.usage.filter { $0.model.id != Self.embedding.id }.map(completionResult))
    }
    let embeddings = days.map { day in
      (day.start, day.usage.filter { $0.model.id == Self.embedding.id }.map(embeddingResult))
    }
    var written: [String] = []
    for (name, buckets) in [
      ("costs-\(month)", costs), ("usage-completions-\(month)", completions),
      ("usage-embeddings-\(month)", embeddings),
    ] {
      let path = (folder as NSString).appendingPathComponent(name)
      try APIPageWriter.writePages(buckets, to: path, style: .openAI)
      written.append(path)
    }
    return written
  }

  private func costResults(_ usage: DayUsage, start: Int64) -> [String] {
    let parts: [(String, Int64, Int64)] = [
      ("input", usage.input - usage.cached, usage.model.input),
      ("cached input", usage.cached, usage.model.cachedInput),
      ("output", usage.output, usage.model.output),
    ]
    let asString = (start / 86_400) % 2 == 0
    return parts.filter { $0.1 > 0 }.map { (type, tokens, price) in
      let amount = ScaledDecimal.format(tokens * price, scale: 9)
      let thousands = ScaledDecimal.format(tokens, scale: 3)
      return "{\"object\": \"organization.costs.result\", \"amount\": {\"value\": "
        + (asString ? "\"\(amount)\"" : amount) + ", \"currency\": \"usd\"}, "
        + "\"line_item\": \(JSONText.quoted("\(usage.model.id), \(type)")), "
        + "\"project_id\": \(usage.project.map(JSONText.quoted) ?? "null"), "
        + "\"quantity\": \(thousands), \"quantity_unit\": \"1000_tokens\"}"
    }
  }

  private func completionResult(_ usage: DayUsage) -> String {
    "{\"object\": \"organization.usage.completions.result\", \"input_tokens\": \(usage.input), "
      + "\"output_tokens\": \(usage.output), \"input_cached_tokens\": \(usage.cached), "
      + "\"num_model_requests\": \(usage.requests), "
      + "\"project_id\": \(usage.project.map(JSONText.quoted) ?? "null"), \"user_id\": null, "
      + "\"api_key_id\": null, \"model\": \(JSONText.quoted(usage.model.id)), \"batch\": null}"
  }

  private func embeddingResult(_ usage: DayUsage) -> String {
    "{\"object\": \"organization.usage.embeddings.result\", \"input_tokens\": \(usage.input), "
      + "\"num_model_requests\": \(usage.requests), "
      + "\"project_id\": \(usage.project.map(JSONText.quoted) ?? "null"), \"user_id\": null, "
      + "\"api_key_id\": null, \"model\": \(JSONText.quoted(usage.model.id))}"
  }
}

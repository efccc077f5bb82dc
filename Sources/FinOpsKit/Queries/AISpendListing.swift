import Foundation

/// `finops ai`: a month's AI spend as text tables or JSON, one section per view.
///
/// Each view (provider, category, model, sub-account, GPU-hours) is a `Section` with both
/// renderings; another view (token counts, for instance) is added by appending a section, in
/// `sections(_:)` or through the `extra` parameter. Amounts are rounded to cents only here, and
/// the rounded lines of a section add up to the rounded total.
public enum AISpendListing {
  /// One view of the AI spend, rendered both ways.
  public struct Section: Sendable {
    /// The JSON key (`by_provider`).
    public var key: String
    /// The text heading (`by provider`).
    public var title: String
    /// The text body (a table), empty when the section has no lines.
    public var text: String
    /// The JSON value.
    public var json: String

    /// Creates a section.
    public init(key: String, title: String, text: String, json: String) {
      self.key = key
      self.title = title
      self.text = text
      self.json = json
    }
  }

  /// The standard sections, in display order.
  /// - Parameter spend: The AI spend.
  /// - Returns: Sections by provider, category, model, sub-account and GPU-hours.
  public static func sections(_ spend: AISpend) -> [Section] {
    [
      lines(
        spend.byProvider,
        key: "by_provider",
        title: "by provider",
        total: spend.total,
        columns: ["provider"],
        fields: { [("provider", $0.name)] }
      ),
      lines(
        spend.byCategory,
        key: "by_category",
        title: "by category",
        total: spend.total,
        columns: ["category"],
        fields: { [("category", $0.name)] }
      ),
      lines(
        spend.byModel,
        key: "by_model",
        title: "by model",
        total: spend.total,
        columns: ["provider", "category", "model"],
        fields: {
          [
            ("provider", $0.provider ?? ""), ("category", $0.category?.rawValue ?? ""),
            ("model", $0.name),
          ]
        }
      ),
      lines(
        spend.bySubAccount,
        key: "by_sub_account",
        title: "by sub-account",
        total: spend.total,
        columns: ["provider", "sub-account", "name"],
        fields: {
          [
            ("provider", $0.provider ?? ""), ("sub_account_id", $0.name),
            ("sub_account_name", $0.detail ?? ""),
          ]
        }
      ),
      gpuSection(spend),
    ]
  }

  /// The text report: a headline, then each section with its title.
  /// - Parameters:
  ///   - spend: The AI spend.
  ///   - extra: Sections appended after the standard ones.
  /// - Returns: The text.
  public static func text(_ spend: AISpend, extra: [Section] = []) -> String {
    var text = headline(spend)
    for note in notes(spend) { text += "\nnote: \(note)" }
    for section in sections(spend) + extra {
      text += "\n\n\(section.title)\n"
      text += section.text.isEmpty ? "(none)" : section.text
    }
    return text
  }

  /// The JSON report: one object with the totals and one key per section.
  /// - Parameters:
  ///   - spend: The AI spend.
  ///   - extra: Sections appended after the standard ones.
  /// - Returns: The JSON text.
  public static func json(_ spend: AISpend, extra: [Section] = []) -> String {
    var fields: [(String, String)] = [
      ("month", JSONText.quoted(monthText(spend.month))),
      ("currency", JSONText.quoted(spend.currency)),
      ("cost_basis", JSONText.quoted(spend.costBasis.rawValue)),
      ("count_gpu_compute", String(spend.countsGPUCompute)),
      ("total", money(CentRounding.round(spend.total))),
      ("month_total", money(CentRounding.round(spend.monthTotal))),
      (
        "share",
        spend.share.map {
          ScaledDecimal.format(ScaledDecimal.round(Int128($0), scale: 9, places: 4), scale: 9)
        } ?? "null"
      ),
      ("uncounted_gpu_compute", money(CentRounding.round(spend.uncountedGPUCompute))),
      ("gpu_spend_without_hours", money(CentRounding.round(spend.gpuSpendWithoutHours))),
    ]
    for section in sections(spend) + extra { fields.append((section.key, section.json)) }
    return "{\n"
      + fields.map { "  \(JSONText.quoted($0.0)): \($0.1)" }.joined(separator: ",\n")
      + "\n}"
  }

  // MARK: - Pieces

  private static func headline(_ spend: AISpend) -> String {
    let basis = spend.costBasis == .effective ? "effective cost" : "billed cost"
    var text =
      "AI spend of \(monthText(spend.month)) (\(basis), \(spend.currency)): "
      + Money.format(spend.total)
    text += " of \(Money.format(spend.monthTotal))"
    if spend.monthTotal != 0 { text += " (\(percent(spend.total, of: spend.monthTotal)))" }
    text += spend.countsGPUCompute ? "; GPU compute counts as AI" : "; GPU compute not counted"
    return text
  }

  private static func notes(_ spend: AISpend) -> [String] {
    var notes: [String] = []
    if spend.uncountedGPUCompute != 0 {
      notes.append(
        "\(Money.format(spend.uncountedGPUCompute)) of GPU compute is left out "
          + "(ai.count_gpu_compute: false)"
      )
    }
    if spend.gpuSpendWithoutHours != 0 {
      notes.append(
        "\(Money.format(spend.gpuSpendWithoutHours)) of GPU compute has no GPU-hours "
          + "(instance type not in importers/ai/gpu-instances.csv, or not billed in hours)"
      )
    }
    return notes
  }

  private static func lines(
    _ lines: [AISpend.Line],
    key: String,
    title: String,
    total: Int128,
    columns: [String],
    fields: (AISpend.Line) -> [(String, String)]
  ) -> Section {
    let cents = CentRounding.reconcile(lines.map(\.amount))
    var rows = [columns + ["spend", "share", "charges"]]
    var items: [String] = []
    for (line, amount) in zip(lines, cents) {
      let values = fields(line)
      rows.append(
        values.map(\.1) + [
          Money.format(amount), percent(line.amount, of: total), String(line.charges),
        ]
      )
      let object =
        values.map { "\(JSONText.quoted($0.0)): \(JSONText.quoted($0.1))" }
        + ["\"amount\": \(money(amount))", "\"charges\": \(line.charges)"]
      items.append("{" + object.joined(separator: ", ") + "}")
    }
    let count = columns.count
    return Section(
      key: key,
      title: title,
      text: lines.isEmpty
        ? "" : TextTable.render(rows, rightAligned: [count, count + 1, count + 2]),
      json: jsonArray(items)
    )
  }

  private static func gpuSection(_ spend: AISpend) -> Section {
    var rows = [["provider", "category", "accelerator", "GPU-hours", "spend", "per GPU-hour"]]
    var items: [String] = []
    for line in spend.gpu {
      let perHour = line.costPerGPUHour
      rows.append([
        line.provider, line.category.rawValue, line.accelerator, hours(line.gpuHours),
        Money.format(line.amount), perHour.map(Money.format) ?? "-",
      ])
      items.append(
        "{\"provider\": \(JSONText.quoted(line.provider)), "
          + "\"category\": \(JSONText.quoted(line.category.rawValue)), "
          + "\"accelerator\": \(JSONText.quoted(line.accelerator)), "
          + "\"gpu_hours\": \(hours(line.gpuHours)), \"amount\": \(money(CentRounding.round(line.amount))), "
          + "\"cost_per_gpu_hour\": \(perHour.map { money(CentRounding.round($0)) } ?? "null")}"
      )
    }
    return Section(
      key: "gpu",
      title: "GPU-hours",
      text: spend.gpu.isEmpty ? "" : TextTable.render(rows, rightAligned: [3, 4, 5]),
      json: jsonArray(items)
    )
  }

  private static func jsonArray(_ items: [String]) -> String {
    items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
  }

  /// Money rounded to cents, as a JSON string (`"12.85"`).
  private static func money(_ cents: Int128) -> String { "\"\(Money.format(cents))\"" }

  /// GPU-hours with up to six decimals (`6.283056`, `8`).
  static func hours(_ value: Double) -> String {
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  private static func percent(_ part: Int128, of total: Int128) -> String {
    guard total != 0 else { return "-" }
    let tenths =
      ScaledDecimal.round(part * 1000 * 1_000_000_000 / total, scale: 9, places: 0)
      / 1_000_000_000
    return ScaledDecimal.format(tenths, scale: 1, minimumFractionDigits: 1) + "%"
  }

  private static func monthText(_ month: Int) -> String {
    String(format: "%04d-%02d", month / 100, month % 100)
  }
}

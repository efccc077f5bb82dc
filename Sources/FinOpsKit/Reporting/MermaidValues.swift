/// The values of the Mermaid charts of the Markdown summary.
///
/// The charts are spend by team, innovation share against its target, and the daily trend.
/// Numbers are plain decimals; labels are escaped for
/// quoted Mermaid strings.
enum MermaidValues {
  static func add(_ summary: MonthSummary, to values: inout [String: TemplateValue]) {
    // A pie shows positive slices only; pilots and unallocated spend are slices of their own.
    var slices: [TemplateValue] = []
    let owners =
      summary.teams.map { ($0.name, $0.reportedSpend) }
      + summary.pilots.map { ("pilot: " + $0.name, $0.reportedSpend) }
      + [("unallocated", summary.reportedUnallocated)]
    for (label, amount) in owners where amount > 0 {
      slices.append(
        .object([
          "label": .text(MarkdownText.mermaidLabel(label)),
          "value": .text(ReportNumber.money(amount)),
        ])
      )
    }
    values["teamChart"] = slices.isEmpty ? .flag(false) : .object(["slices": .list(slices)])

    let share = percentNumber(summary.innovation.share)
    let target = percentNumber(summary.innovation.target)
    values["innovationSharePercent"] = .text(
      ScaledDecimal.format(share, scale: 9, minimumFractionDigits: 1)
    )
    values["innovationTargetPercent"] = .text(
      ScaledDecimal.format(target, scale: 9, minimumFractionDigits: 1)
    )
    // The axis ends at the next multiple of 10 above both bars.
    let top = max(share, target, 0) / 1_000_000_000
    values["innovationAxisMax"] = .text(String(min(100, (top / 10 + 1) * 10)))

    if summary.daily.isEmpty {
      values["dailyChart"] = .flag(false)
    } else {
      values["dailyChart"] = .object([
        "days": .text(summary.daily.map(\.name).joined(separator: ", ")),
        "amounts": .text(
          summary.daily.map { ReportNumber.money($0.amount) }.joined(separator: ", ")
        ),
      ])
    }
  }

  /// A share as a percentage in nano-units, rounded to one decimal.
  private static func percentNumber(_ share: Int128) -> Int128 {
    ScaledDecimal.round(share * 100, scale: 9, places: 1)
  }
}

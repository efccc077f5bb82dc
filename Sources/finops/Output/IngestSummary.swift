import FinOpsKit

/// The human summary of an ingest, printed on stderr.
enum IngestSummary {
  static func text(_ report: IngestReport) -> String {
    var lines: [String] = []
    for file in report.files {
      let version = file.version.map { " \($0)" } ?? ""
      switch file.status {
      case .imported:
        var line = "\(file.path): imported \(file.rows) rows as \(file.format)\(version)"
        if file.usageRecords > 0 { line += " and \(file.usageRecords) usage records" }
        if file.rejected > 0 { line += ", set aside \(file.rejected) bad rows" }
        lines.append(line)
      case .unchanged(let batch):
        lines.append("\(file.path): unchanged since batch \(batch), skipped")
      case .duplicate(let first):
        lines.append("\(file.path): same content as \(first), skipped")
      }
    }
    lines += replacementLines(report.replacements)
    for combination in report.combinations {
      lines.append(
        "combined \(combination.format) account \(combination.billingAccountId) period "
          + "\(Timestamp.date(combination.billingPeriodStart)) with the other view of its "
          + "charges: its \(combination.cleared) is set to 0, the other view supplies it"
      )
    }
    guard let batch = report.batchId else {
      lines.append("nothing to import: every file is already in the database")
      return lines.joined(separator: "\n")
    }
    var totals: [String: (Int128, Int128)] = [:]
    for scope in report.scopes where !scope.currency.isEmpty {
      let current = totals[scope.currency] ?? (0, 0)
      totals[scope.currency] = (current.0 + scope.billedCost, current.1 + scope.effectiveCost)
    }
    let money = totals.keys.sorted().map { currency in
      let (billed, effective) = totals[currency] ?? (0, 0)
      return "billed \(Money.format(billed)) \(currency), effective \(Money.format(effective)) "
        + currency
    }.joined(separator: "; ")
    lines.append(
      "batch \(batch): \(report.rowCount) rows"
        + (report.usageCount > 0 ? " and \(report.usageCount) usage records" : "")
        + " in \(report.scopes.count) scopes"
        + (money.isEmpty ? "" : "; \(money)")
    )
    if report.rejectedCount > 0 {
      lines.append(
        "warning: \(report.rejectedCount) bad rows were set aside (see 'finops imports "
          + "--rejected \(batch)')"
      )
      lines.append(contentsOf: report.rejectionExamples.map { "note: \($0)" })
    }
    return lines.joined(separator: "\n")
  }

  /// One line per replaced scope of a billing period, and one line per format, account and
  /// earlier batch for the day-level scopes of API formats (`days 2026-10-20..2026-10-31`).
  private static func replacementLines(_ replacements: [IngestReport.Replacement]) -> [String] {
    struct Key: Hashable {
      var format: String
      var account: String
      var batch: Int64
      var keptEarlier: Bool
    }
    var lines: [String] = []
    var order: [Key] = []
    var days: [Key: (first: Int64, last: Int64, count: Int, rows: Int64)] = [:]
    for replacement in replacements {
      guard let day = replacement.day else {
        lines.append(
          "replaced \(replacement.format) account \(replacement.billingAccountId) period "
            + "\(Timestamp.date(replacement.billingPeriodStart)) from batch "
            + "\(replacement.replacedBatchId) (\(replacement.removedRows) rows)"
        )
        continue
      }
      let key = Key(
        format: replacement.format,
        account: replacement.billingAccountId,
        batch: replacement.replacedBatchId,
        keptEarlier: replacement.keptEarlier
      )
      if let seen = days[key] {
        days[key] = (
          min(seen.first, day), max(seen.last, day), seen.count + 1,
          seen.rows + replacement.removedRows
        )
      } else {
        order.append(key)
        days[key] = (day, day, 1, replacement.removedRows)
      }
    }
    for key in order {
      guard let span = days[key] else { continue }
      let range =
        span.count == 1
        ? "day \(Timestamp.date(span.first))"
        : "\(span.count) days \(Timestamp.date(span.first))..\(Timestamp.date(span.last))"
      lines.append(
        key.keptEarlier
          ? "kept \(key.format) account \(key.account) \(range) from batch \(key.batch): it "
            + "covers more of the day than this delivery, whose \(span.rows) rows were dropped"
          : "replaced \(key.format) account \(key.account) \(range) from batch \(key.batch) "
            + "(\(span.rows) rows)"
      )
    }
    return lines
  }
}

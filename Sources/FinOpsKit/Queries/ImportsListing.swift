/// Renders `finops imports` as an aligned text table or as JSON.
public enum ImportsListing {
  /// A text table, one line per batch and one indented line per scope.
  /// - Parameter batches: The batches.
  /// - Returns: The table.
  public static func text(_ batches: [ImportHistory.Batch]) -> String {
    guard !batches.isEmpty else { return "no import batches yet; run 'finops ingest PATH'" }
    var rows: [[String]] = [
      [
        "batch", "started", "status", "files", "rows", "rejected", "format",
        "account", "period", "currency", "billed", "effective",
      ]
    ]
    for batch in batches {
      let status = batch.isSuperseded ? "replaced" : "live"
      let formats = Set(batch.files.map(\.format)).sorted().joined(separator: ",")
      rows.append([
        String(batch.id), batch.startedAt, status, String(batch.files.count),
        String(batch.rowCount), String(batch.rejectedCount), formats, "", "", "", "", "",
      ])
      for scope in collapsingDays(batch.scopes) {
        let state = scope.supersededBy.map { "replaced by \($0)" } ?? "live"
        rows.append([
          "", "", state, "", String(scope.rowCount), "", scope.format,
          scope.billingAccountId, scope.period, scope.currency,
          Money.format(scope.billedCost), Money.format(scope.effectiveCost),
        ])
      }
    }
    return TextTable.render(rows, rightAligned: [4, 5, 10, 11])
  }

  /// One line of the text listing: a scope, or the day-level scopes (API formats) of one
  /// format, account, month and state taken together.
  private struct ScopeLine {
    var format: String
    var billingAccountId: String
    var period: String
    var currency: String
    var rowCount: Int64
    var billedCost: Int128
    var effectiveCost: Int128
    var supersededBy: Int64?
  }

  /// Scopes as lines, the day-level scopes of a month merged (`2026-10, 31 days, 930 usage
  /// records`), so that a month of API pages is one line, not thirty.
  private static func collapsingDays(_ scopes: [ImportHistory.Scope]) -> [ScopeLine] {
    var lines: [ScopeLine] = []
    var days: [Int] = []
    var usage: [Int64] = []
    for scope in scopes {
      let month = String(Timestamp.date(scope.billingPeriodStart).prefix(7))
      if scope.coverageStart != nil, let last = lines.indices.last, days[last] > 0,
        lines[last].format == scope.format, lines[last].billingAccountId == scope.billingAccountId,
        lines[last].period.hasPrefix(month), lines[last].supersededBy == scope.supersededBy
      {
        lines[last].rowCount += scope.rowCount
        lines[last].billedCost += Int128(scope.billedCost)
        lines[last].effectiveCost += Int128(scope.effectiveCost)
        if lines[last].currency.isEmpty { lines[last].currency = scope.currency }
        days[last] += 1
        usage[last] += scope.usageCount
        continue
      }
      lines.append(
        ScopeLine(
          format: scope.format,
          billingAccountId: scope.billingAccountId,
          period: month,
          currency: scope.currency,
          rowCount: scope.rowCount,
          billedCost: Int128(scope.billedCost),
          effectiveCost: Int128(scope.effectiveCost),
          supersededBy: scope.supersededBy
        )
      )
      days.append(scope.coverageStart == nil ? 0 : 1)
      usage.append(scope.usageCount)
    }
    for index in lines.indices where days[index] > 0 {
      lines[index].period += ", \(days[index]) day\(days[index] == 1 ? "" : "s")"
      if usage[index] > 0 { lines[index].period += ", \(usage[index]) usage records" }
    }
    return lines
  }

  /// A JSON array of batches with files and scopes; money as decimal strings.
  /// - Parameter batches: The batches.
  /// - Returns: The JSON text.
  public static func json(_ batches: [ImportHistory.Batch]) -> String {
    let items = batches.map { batch in
      let files = batch.files.map { file in
        "{\"path\":\(JSONText.quoted(file.path)),\"format\":\(JSONText.quoted(file.format)),"
          + "\"format_version\":\(file.formatVersion.map(JSONText.quoted) ?? "null"),"
          + "\"size_bytes\":\(file.sizeBytes),\"sha256\":\"\(file.sha256)\","
          + "\"rows\":\(file.rowCount),\"rejected\":\(file.rejectedCount)}"
      }
      let scopes = batch.scopes.map { scope in
        "{\"format\":\(JSONText.quoted(scope.format)),"
          + "\"billing_account_id\":\(JSONText.quoted(scope.billingAccountId)),"
          + "\"billing_period_start\":\"\(Timestamp.iso8601(scope.billingPeriodStart))\","
          + "\"billing_period_end\":\"\(Timestamp.iso8601(scope.billingPeriodEnd))\","
          + "\"currency\":\(JSONText.quoted(scope.currency)),\"rows\":\(scope.rowCount),"
          + "\"billed_cost\":\"\(Money.exact(Int128(scope.billedCost)))\","
          + "\"effective_cost\":\"\(Money.exact(Int128(scope.effectiveCost)))\","
          + "\"superseded_by\":\(scope.supersededBy.map(String.init) ?? "null"),"
          + "\"coverage_start\":\(scope.coverageStart.map { "\"\(Timestamp.iso8601($0))\"" } ?? "null"),"
          + "\"coverage_end\":\(scope.coverageEnd.map { "\"\(Timestamp.iso8601($0))\"" } ?? "null"),"
          + "\"usage_records\":\(scope.usageCount)}"
      }
      return "{\"id\":\(batch.id),\"started_at\":\"\(batch.startedAt)\","
        + "\"tool_version\":\(JSONText.quoted(batch.toolVersion)),"
        + "\"content_hash\":\"\(batch.contentHash)\",\"rows\":\(batch.rowCount),"
        + "\"rejected\":\(batch.rejectedCount),\"superseded\":\(batch.isSuperseded),"
        + "\"files\":[\(files.joined(separator: ","))],"
        + "\"scopes\":[\(scopes.joined(separator: ","))]}"
    }
    return "[" + items.joined(separator: ",\n") + "]"
  }
}

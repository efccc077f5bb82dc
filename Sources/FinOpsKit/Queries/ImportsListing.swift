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
      for scope in batch.scopes {
        let state = scope.supersededBy.map { "replaced by \($0)" } ?? "live"
        rows.append([
          "", "", state, "", String(scope.rowCount), "", scope.format,
          scope.billingAccountId, String(Timestamp.date(scope.billingPeriodStart).prefix(7)),
          scope.currency, Money.format(Int128(scope.billedCost)),
          Money.format(Int128(scope.effectiveCost)),
        ])
      }
    }
    return TextTable.render(rows, rightAligned: [4, 5, 10, 11])
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
          + "\"superseded_by\":\(scope.supersededBy.map(String.init) ?? "null")}"
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

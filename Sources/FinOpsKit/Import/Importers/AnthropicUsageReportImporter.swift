import Foundation

/// Reads saved pages of the Anthropic Admin API messages usage report
/// (`GET /v1/organizations/usage_report/messages`).
///
/// Usage is tokens and requests, never money: each quantity of a result becomes one
/// `UsageRecord`: `uncached_input_tokens` -> `input`, `cache_read_input_tokens` ->
/// `cached_input`, `cache_creation.ephemeral_5m_input_tokens` -> `cache_write_5m`,
/// `cache_creation.ephemeral_1h_input_tokens` -> `cache_write_1h`, `output_tokens` -> `output`,
/// `server_tool_use.web_search_requests` -> `web_search_requests`. Anthropic's input tokens
/// exclude cache reads and writes, so the four input kinds add up to the total input. Grouping
/// values (workspace, model, API key, service tier, account...) are kept; a null workspace is
/// the default workspace.
struct AnthropicUsageReportImporter: Importer {
  static let id = "anthropic-usage-report"

  /// Quantity paths and how they are recorded.
  static let quantities: [(path: [String], kind: String, unit: String)] = [
    (["uncached_input_tokens"], "input", "tokens"),
    (["cache_read_input_tokens"], "cached_input", "tokens"),
    (["cache_creation", "ephemeral_5m_input_tokens"], "cache_write_5m", "tokens"),
    (["cache_creation", "ephemeral_1h_input_tokens"], "cache_write_1h", "tokens"),
    (["output_tokens"], "output", "tokens"),
    (["server_tool_use", "web_search_requests"], "web_search_requests", "requests"),
  ]

  /// Grouping values kept in `dimensions`.
  static let dimensionKeys = [
    "context_window", "inference_geo", "speed", "service_account_id",
  ]

  var descriptor: ImporterDescriptor {
    ImporterDescriptor(
      id: Self.id,
      displayName: "Anthropic usage report",
      summary: "Anthropic Admin API messages usage report pages (JSON: tokens by type; usage "
        + "records, never spend)",
      fileKinds: [.json],
      examples: ["usage-by-model-and-workspace"]
    )
  }

  func recognize(_ sample: FileSample) -> Recognition {
    let text = String(decoding: sample.prefix, as: UTF8.self)
    let isUsage =
      APIPageFile.sample(
        sample,
        has: ["uncached_input_tokens"],
        timeKey: "starting_at",
        nameHint: "usage"
      )
      && !text.contains("\"cost_type\"") && !text.contains("\"model_breakdown\"")
    return isUsage
      ? .match(version: nil) : .miss(missing: ["starting_at", "uncached_input_tokens"])
  }

  func importFile(_ file: ImportFile, into writer: ChargeWriter, rows: RowPolicy)
    throws(ImportError)
  {
    let page = try APIPageFile(file, format: Self.id)
    writer.dailyScopes = true
    writer.scopeStream = "messages"
    let account = AnthropicCostReportImporter.account
    try page.forEachResult(writer: writer, account: account, rows: rows) { result, start, end in
      for record in try records(of: result, page: page, start: start, end: end) {
        try writer.writeUsage(record, line: result.line)
      }
    }
  }

  private func records(
    of result: LocatedJSONValue,
    page: APIPageFile,
    start: Int64,
    end: Int64
  ) throws(RowError) -> [UsageRecord] {
    guard result.members != nil else { throw RowError(reason: "a result must be an object") }
    let dimensions = Self.dimensionKeys.compactMap { key -> String? in
      guard let node = result[key], !node.isNull else { return nil }
      return JSONText.quoted(key) + ":" + node.value.jsonText
    }
    var records: [UsageRecord] = []
    for (path, kind, unit) in Self.quantities {
      var node: LocatedJSONValue? = result
      for key in path { node = node?[key] }
      guard let node, !node.isNull else { continue }
      guard case .number(let text) = node.value else {
        throw RowError(
          column: path.joined(separator: "."),
          value: node.shown,
          reason: "is not a number:"
        )
      }
      let value = try AIMoney.quantity(text, column: path.joined(separator: "."))
      guard value != 0 else { continue }
      records.append(
        UsageRecord(
          providerName: "Anthropic",
          endpoint: "messages",
          periodStart: start,
          periodEnd: end,
          billingAccountId: AnthropicCostReportImporter.account,
          subAccountId: page.text(result, "workspace_id") ?? AICharge.defaultSubAccount,
          model: page.text(result, "model"),
          apiKeyId: page.text(result, "api_key_id"),
          userId: page.text(result, "account_id"),
          serviceTier: page.text(result, "service_tier"),
          kind: kind,
          unit: unit,
          quantity: value,
          dimensions: dimensions.isEmpty ? nil : "{" + dimensions.joined(separator: ",") + "}"
        )
      )
    }
    return records
  }
}

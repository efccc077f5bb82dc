import Foundation

/// Reads saved pages of the Anthropic Admin API cost report
/// (`GET /v1/organizations/cost_report`).
///
/// `amount` is in the currency's lowest units (cents) as a decimal string (`"123.78912"` is
/// $1.2378912): it is converted exactly, cents times 10^7 being nano-units. Each result becomes
/// one charge with the workspace as sub-account (`default` when null), the model in `SkuId`, the
/// token type (`uncached_input_tokens` -> `input`, `cache_read_input_tokens` -> `cached_input`,
/// `cache_creation.ephemeral_5m_input_tokens` -> `cache_write_5m`...) in `SkuMeter`, and the
/// cost type, service tier, context window, inference geography and speed in `x_Extras`.
/// Scopes are day-level, as for every API format.
struct AnthropicCostReportImporter: Importer {
  static let id = "anthropic-cost-report"
  /// The billing account: the cost report does not name the organization.
  static let account = "anthropic"

  var descriptor: ImporterDescriptor {
    ImporterDescriptor(
      id: Self.id,
      displayName: "Anthropic cost report",
      summary: "Anthropic Admin API cost report pages (JSON, amounts in cents as decimal strings)",
      fileKinds: [.json],
      examples: ["cost-by-workspace-and-description"]
    )
  }

  func recognize(_ sample: FileSample) -> Recognition {
    let text = String(decoding: sample.prefix, as: UTF8.self)
    let hasTokens = text.contains("uncached_input_tokens\":")
    let isCost =
      APIPageFile.sample(
        sample,
        has: ["\"amount\"", "\"currency\""],
        timeKey: "starting_at",
        nameHint: "cost"
      )
      && (!hasTokens || text.contains("\"cost_type\""))
    return isCost ? .match(version: nil) : .miss(missing: ["starting_at", "amount", "currency"])
  }

  func importFile(_ file: ImportFile, into writer: ChargeWriter, rows: RowPolicy)
    throws(ImportError)
  {
    let page = try APIPageFile(file, format: Self.id)
    writer.dailyScopes = true
    var currency: String?
    try page.forEachResult(writer: writer, account: Self.account, rows: rows) {
      result,
      start,
      end in
      let charge = try charge(result, page: page, start: start, end: end, currency: &currency)
      try charge.write(to: writer, line: result.line)
    }
  }

  private func charge(
    _ result: LocatedJSONValue,
    page: APIPageFile,
    start: Int64,
    end: Int64,
    currency: inout String?
  ) throws(RowError) -> AICharge {
    guard result.members != nil else { throw RowError(reason: "a result must be an object") }
    let nanos = try AIMoney.nanos(result["amount"], column: "amount", centsInput: true)
    let upper = try AIMoney.currency(
      page.text(result, "currency"),
      column: "currency",
      fileCurrency: &currency
    )
    let costType = page.text(result, "cost_type")
    let tokenType = page.text(result, "token_type").flatMap(TokenUnit.tokenType)
    return AICharge(
      providerName: "Anthropic",
      serviceName: "Claude API",
      billingAccountId: Self.account,
      subAccountId: page.text(result, "workspace_id"),
      subAccountType: "Workspace",
      currency: upper,
      start: start,
      end: end,
      cost: nanos,
      description: page.text(result, "description"),
      model: page.text(result, "model"),
      tokenType: tokenType ?? costType,
      extras: APIPageFile.extras(
        of: result,
        except: ["amount", "currency", "workspace_id", "description", "model"]
      )
    )
  }
}

import Foundation

/// Reads saved pages of the OpenAI organization Costs API (`GET /v1/organization/costs`).
///
/// Each `organization.costs.result` of a daily bucket becomes one charge: `amount.value`
/// (a JSON number or a string, in currency units) parsed exactly from its text, the bucket as the
/// charge period, the calendar month as the billing period, the project as the sub-account
/// (`default` when null), the line item as the description, and the model and token type parsed
/// from line items such as `gpt-4o-2024-08-06, input` into `SkuId` and `SkuMeter`. Scopes are
/// day-level: a later fetch replaces the days it covers (see `ChargeWriter.dailyScopes`).
struct OpenAICostsImporter: Importer {
  static let id = "openai-costs"
  /// The billing account when results carry no `organization_id`.
  static let defaultAccount = "openai"

  var descriptor: ImporterDescriptor {
    ImporterDescriptor(
      id: Self.id,
      displayName: "OpenAI Costs API",
      summary: "OpenAI organization Costs API pages (JSON, daily buckets, by project and line "
        + "item)",
      fileKinds: [.json],
      examples: ["costs-by-project-and-line-item", "null-project-and-empty-buckets"]
    )
  }

  func recognize(_ sample: FileSample) -> Recognition {
    APIPageFile.sample(
      sample,
      has: ["organization.costs.result"],
      timeKey: "start_time",
      nameHint: "cost"
    ) ? .match(version: nil) : .miss(missing: ["organization.costs.result"])
  }

  func importFile(_ file: ImportFile, into writer: ChargeWriter, rows: RowPolicy)
    throws(ImportError)
  {
    let page = try APIPageFile(file, format: Self.id)
    let buckets = try page.buckets()
    var account: String?
    for bucket in buckets {
      for result in try page.results(of: bucket) {
        if let organization = page.text(result, "organization_id") {
          account = organization
          break
        }
      }
      if account != nil { break }
    }
    let billingAccount = account ?? Self.defaultAccount
    writer.dailyScopes = true
    var currency: String?
    try page.forEachResult(writer: writer, account: billingAccount, rows: rows) {
      result,
      start,
      end in
      let charge = try charge(
        result,
        page: page,
        account: billingAccount,
        start: start,
        end: end,
        currency: &currency
      )
      try charge.write(to: writer, line: result.line)
    }
  }

  private func charge(
    _ result: LocatedJSONValue,
    page: APIPageFile,
    account: String,
    start: Int64,
    end: Int64,
    currency: inout String?
  ) throws(RowError) -> AICharge {
    guard result.members != nil else { throw RowError(reason: "a result must be an object") }
    if let object = page.text(result, "object"), object != "organization.costs.result" {
      throw RowError(column: "object", value: object, reason: "is not a costs result:")
    }
    if let organization = page.text(result, "organization_id"), organization != account {
      throw RowError(
        column: "organization_id",
        value: organization,
        reason: "differs from the page's organization '\(account)'; save each organization's "
          + "pages in their own folder:"
      )
    }
    guard let amount = result["amount"], amount.members != nil else {
      throw RowError(column: "amount", reason: "is missing (expected {value, currency})")
    }
    let nanos = try AIMoney.nanos(amount["value"], column: "amount.value", centsInput: false)
    let upper = try AIMoney.currency(
      page.text(amount, "currency"),
      column: "amount.currency",
      fileCurrency: &currency
    )
    let lineItem = page.text(result, "line_item")
    let (model, tokenType) = Self.parse(lineItem: lineItem)
    var charge = AICharge(
      providerName: "OpenAI",
      serviceName: "OpenAI API",
      billingAccountId: account,
      subAccountId: page.text(result, "project_id"),
      subAccountType: "Project",
      currency: upper,
      start: start,
      end: end,
      cost: nanos,
      description: lineItem,
      model: model,
      tokenType: tokenType
    )
    if let quantity = result["quantity"]?.decimalText,
      let unit = page.text(result, "quantity_unit")
    {
      let value = try AIMoney.quantity(quantity, column: "quantity")
      let (factor, base) = TokenUnit.scale(unit)
      charge.pricingQuantity = value
      charge.pricingUnit = unit
      charge.consumedQuantity = value * Double(factor)
      charge.consumedUnit = base
    }
    charge.extras = APIPageFile.extras(
      of: result,
      except: [
        "object", "amount", "line_item", "project_id", "organization_id", "quantity",
        "quantity_unit",
      ]
    )
    return charge
  }

  /// The model and token type named by a line item: `gpt-4o-2024-08-06, input` gives
  /// (`gpt-4o-2024-08-06`, `input`); a line item without a comma (`Web search tool calls`)
  /// names no model.
  static func parse(lineItem: String?) -> (model: String?, tokenType: String?) {
    guard let lineItem, let comma = lineItem.firstIndex(of: ",") else { return (nil, nil) }
    let model = String(lineItem[..<comma]).trimmingCharacters(in: .whitespaces)
    let rest = String(lineItem[lineItem.index(after: comma)...])
    return (model.isEmpty ? nil : model, TokenUnit.tokenType(rest))
  }
}

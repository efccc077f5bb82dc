/// One charge of an AI provider's cost data (OpenAI Costs API, Anthropic cost report and
/// Console export), with the FOCUS columns the three importers fill the same way.
///
/// The model goes to `SkuId` and the token type to `SkuMeter`, so that reports can group spend
/// by model and token type like any other SKU; the project or workspace is the sub-account
/// (`default` when the provider leaves it null: the organization's default project or
/// workspace, or data not grouped by it).
struct AICharge {
  var providerName: String
  var serviceName: String
  var billingAccountId: String
  var subAccountId: String?
  var subAccountType: String
  var currency: String
  var start: Int64
  var end: Int64
  var cost: Int64
  var listCost: Int64?
  var description: String?
  var model: String?
  var tokenType: String?
  var consumedQuantity: Double?
  var consumedUnit: String?
  var pricingQuantity: Double?
  var pricingUnit: String?
  var extras: String?

  /// The sub-account used for a null project or workspace.
  static let defaultSubAccount = "default"

  /// Writes the charge as one row.
  /// - Throws: `RowError` for an inconsistent row; `StoreError` when the database stopped.
  func write(to writer: ChargeWriter, line: Int) throws {
    let (periodStart, periodEnd) = ChargeWriter.month(of: start)
    writer.beginRow()
    writer.setText(.billingAccountId, billingAccountId)
    writer.setText(.billingCurrency, currency)
    writer.setTimestamp(.billingPeriodStart, periodStart)
    writer.setTimestamp(.billingPeriodEnd, periodEnd)
    writer.setTimestamp(.chargePeriodStart, start)
    writer.setTimestamp(.chargePeriodEnd, end)
    writer.setMoney(.billedCost, cost)
    writer.setMoney(.effectiveCost, cost)
    if let listCost { writer.setMoney(.listCost, listCost) }
    let subAccount = subAccountId ?? Self.defaultSubAccount
    writer.setText(.subAccountId, subAccount)
    if subAccountId == nil {
      writer.setText(.subAccountName, "Default \(subAccountType.lowercased())")
    }
    writer.setText(.subAccountType, subAccountType)
    writer.setText(.chargeCategory, "Usage")
    writer.setText(.chargeFrequency, "Usage-Based")
    writer.setText(.chargeDescription, description ?? "\(serviceName) usage")
    writer.setText(.providerName, providerName)
    writer.setText(.publisherName, providerName)
    writer.setText(.invoiceIssuerName, providerName)
    writer.setText(.serviceName, serviceName)
    writer.setText(.serviceCategory, "AI and Machine Learning")
    writer.setText(.serviceSubcategory, "Generative AI")
    if let model { writer.setText(.skuId, model) }
    if let tokenType { writer.setText(.skuMeter, tokenType) }
    if let consumedQuantity, let consumedUnit {
      writer.setQuantity(.consumedQuantity, consumedQuantity)
      writer.setText(.consumedUnit, consumedUnit)
    }
    if let pricingQuantity, let pricingUnit {
      writer.setQuantity(.pricingQuantity, pricingQuantity)
      writer.setText(.pricingUnit, pricingUnit)
    }
    if let extras { writer.setText(.extras, extras) }
    try writer.finishRow(line: line)
  }
}

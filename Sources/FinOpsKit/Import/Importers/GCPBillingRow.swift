/// The FOCUS meaning of one Google Cloud Billing export row (standard or detailed usage cost
/// table), read from its BigQuery JSON shape.
///
/// This is the GCP mapping; `importers/gcp-billing-export.md` documents it field by field for
/// audit. In short:
/// - `BilledCost` = `EffectiveCost` = `cost` + the sum of `credits[].amount` (credits are
///   negative): what the invoice shows for the row, and Google's own FOCUS conversion.
///   `ContractedCost` = `cost`, `ListCost` = `cost_at_list`.
/// - `ChargeCategory` from `cost_type`: `regular` Usage, `tax` Tax, `adjustment` and
///   `rounding_error` Adjustment; `ChargeClass` Correction when `adjustment_info` is set.
/// - Billing period = the calendar month of `invoice.month` (`YYYYMM`), in UTC.
/// - Tags = `project.labels` overlaid by `labels` (a row's own label wins on a shared key).
/// - Fields finops does not model are kept as extras, with credits totalled per type.
struct GCPBillingRow {
  /// Values of `cost_type` and the charge category each maps to.
  static let chargeCategories = [
    "regular": "Usage", "tax": "Tax", "adjustment": "Adjustment", "rounding_error": "Adjustment",
  ]

  /// Credit types that come from a committed use discount, with the FOCUS category.
  static let commitmentCreditCategories = [
    "COMMITTED_USAGE_DISCOUNT": "Usage", "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE": "Spend",
  ]

  /// Dotted paths that feed a normalized field; every other value becomes an extra.
  static let mappedPaths: Set<String> = [
    "billing_account_id", "currency", "invoice.month", "usage_start_time", "usage_end_time",
    "cost", "cost_at_list", "cost_type", "service.description", "sku.id", "sku.description",
    "project.id", "project.name", "project.labels", "labels", "location.region", "location.zone",
    "resource.name", "resource.global_name", "usage.amount", "usage.unit",
    "usage.amount_in_pricing_units", "usage.pricing_unit", "price.effective_price",
    "price.list_price", "transaction_type", "seller_name",
  ]

  let row: JSONValue

  /// The billing currency of the row, if present.
  var currency: String? { row["currency"]?.scalarText }

  /// Writes the row's normalized fields (not `finishRow`).
  /// - Parameter writer: The writer, after `beginRow()`.
  /// - Throws: `RowError` naming the source field at fault.
  func write(into writer: ChargeWriter) throws(RowError) {
    writer.setText(.billingAccountId, try requiredText("billing_account_id"))
    writer.setText(.billingCurrency, try requiredText("currency"))
    let (periodStart, periodEnd) = try billingPeriod()
    writer.setTimestamp(.billingPeriodStart, periodStart)
    writer.setTimestamp(.billingPeriodEnd, periodEnd)
    writer.setTimestamp(.chargePeriodStart, try timestamp("usage_start_time"))
    writer.setTimestamp(.chargePeriodEnd, try timestamp("usage_end_time"))

    guard let cost = try money("cost") else {
      throw RowError(column: "cost", reason: "is missing but every row needs it")
    }
    let credits = try creditTotals()
    let (billed, overflow) = cost.addingReportingOverflow(credits.total)
    guard !overflow else { throw RowError(column: "cost", reason: "plus credits is out of range") }
    writer.setMoney(.billedCost, billed)
    writer.setMoney(.effectiveCost, billed)
    writer.setMoney(.contractedCost, cost)
    if let list = try money("cost_at_list") { writer.setMoney(.listCost, list) }

    let costType = text("cost_type") ?? "regular"
    guard let category = Self.chargeCategories[costType] else {
      throw RowError(
        column: "cost_type",
        value: costType,
        reason: "is not one of regular, tax, adjustment, rounding_error:"
      )
    }
    writer.setText(.chargeCategory, category)
    if let adjustment = row["adjustment_info"]?.object,
      adjustment.members.contains(where: { !$0.value.isNull })
    {
      writer.setText(.chargeClass, "Correction")
    }
    if costType == "regular" {
      writer.setText(.chargeFrequency, "Usage-Based")
      let committed =
        credits.commitmentCategory != nil
        || (text("sku.description") ?? "").lowercased().hasPrefix("commitment")
      writer.setText(.pricingCategory, committed ? "Committed" : "Standard")
    }
    if let category = credits.commitmentCategory {
      writer.setText(.commitmentDiscountCategory, category)
      if let id = credits.commitmentId { writer.setText(.commitmentDiscountId, id) }
      if let name = credits.commitmentName { writer.setText(.commitmentDiscountName, name) }
    }

    writer.setText(.providerName, "Google Cloud")
    writer.setText(.invoiceIssuerName, "Google Cloud")
    let thirdParty = (text("transaction_type") ?? "GOOGLE") != "GOOGLE"
    writer.setText(
      .publisherName,
      thirdParty ? text("seller_name") ?? "Google Cloud" : "Google Cloud"
    )
    setText(.serviceName, "service.description", writer)
    setText(.chargeDescription, "sku.description", writer)
    setText(.skuId, "sku.id", writer)
    setText(.subAccountId, "project.id", writer)
    setText(.subAccountName, "project.name", writer)
    if text("project.id") != nil { writer.setText(.subAccountType, "Project") }
    setText(.regionId, "location.region", writer)
    setText(.availabilityZone, "location.zone", writer)
    setText(.resourceId, "resource.global_name", writer)
    setText(.resourceName, "resource.name", writer)
    if costType == "regular" {
      setText(.consumedUnit, "usage.unit", writer)
      setText(.pricingUnit, "usage.pricing_unit", writer)
      if let amount = try quantity("usage.amount") {
        writer.setQuantity(.consumedQuantity, amount)
      }
      if let amount = try quantity("usage.amount_in_pricing_units") {
        writer.setQuantity(.pricingQuantity, amount)
      }
    }
    try setDecimal(.contractedUnitPrice, "price.effective_price", writer)
    try setDecimal(.listUnitPrice, "price.list_price", writer)
    if let tags = try tags() { writer.setText(.tags, tags) }
    if let extras = extras(creditsByType: credits.byType) { writer.setText(.extras, extras) }
  }

  // MARK: - Field readers

  private func text(_ path: String) -> String? {
    guard let text = row.value(at: path)?.scalarText, !text.isEmpty else { return nil }
    return text
  }

  private func requiredText(_ path: String) throws(RowError) -> String {
    guard let text = text(path) else {
      throw RowError(column: path, reason: "is missing but every row needs it")
    }
    return text
  }

  private func setText(_ column: ChargeColumn, _ path: String, _ writer: ChargeWriter) {
    if let text = text(path) { writer.setText(column, text) }
  }

  private func money(_ path: String) throws(RowError) -> Int64? {
    try Self.money(row.value(at: path), field: path)
  }

  /// Reads money from a JSON number or numeric string, exactly, in nano-units.
  static func money(_ value: JSONValue?, field: String) throws(RowError) -> Int64? {
    switch value {
    case nil, .null?: return nil
    case .number(let text)?: return try parseMoney(text, field: field)
    case .string(let text)?: return text.isEmpty ? nil : try parseMoney(text, field: field)
    case let other?:
      throw RowError(column: field, value: other.jsonText, reason: "is not a number:")
    }
  }

  private static func parseMoney(_ text: String, field: String) throws(RowError) -> Int64 {
    do {
      return try ScaledDecimal.parse(text, scale: ChargeColumn.moneyScale)
    } catch {
      throw RowError(
        column: field,
        value: text,
        reason: error == .outOfRange ? "has a value out of range" : "has non-numeric value"
      )
    }
  }

  private func quantity(_ path: String) throws(RowError) -> Double? {
    guard let text = text(path) else { return nil }
    var copy = text
    let parsed: Double? = copy.withUTF8 { try? ScaledDecimal.double($0) }
    guard let parsed else {
      throw RowError(column: path, value: text, reason: "has non-numeric value")
    }
    return parsed
  }

  private func setDecimal(_ column: ChargeColumn, _ path: String, _ writer: ChargeWriter)
    throws(RowError)
  {
    guard let text = text(path) else { return }
    _ = try quantity(path)
    writer.setText(column, text)
  }

  private func timestamp(_ path: String) throws(RowError) -> Int64 {
    let text = try requiredText(path)
    do {
      return try Timestamp.parse(text)
    } catch {
      throw RowError(column: path, value: text, reason: "has unparseable date")
    }
  }

  /// `invoice.month` (`YYYYMM`) as the UTC calendar month [start, next month start).
  private func billingPeriod() throws(RowError) -> (Int64, Int64) {
    let month = try requiredText("invoice.month")
    guard month.count == 6, let number = Int(month), number % 100 >= 1, number % 100 <= 12,
      number / 100 >= 1970
    else {
      throw RowError(column: "invoice.month", value: month, reason: "is not a YYYYMM month:")
    }
    let (year, monthOfYear) = (number / 100, number % 100)
    let start = Int64(Timestamp.daysSinceEpoch(year: year, month: monthOfYear, day: 1)) * 86_400
    let days = Int64(Timestamp.daysInMonth(year: year, month: monthOfYear))
    return (start, start + days * 86_400)
  }

  // MARK: - Credits, tags, extras

  private struct Credits {
    var total: Int64 = 0
    var byType: [(type: String, nanos: Int64)] = []
    var commitmentCategory: String?
    var commitmentId: String?
    var commitmentName: String?
  }

  private func creditTotals() throws(RowError) -> Credits {
    var credits = Credits()
    guard let list = row["credits"], !list.isNull else { return credits }
    if case .string = list {
      // A CSV column holding the row's credit total rather than the credit records.
      credits.total = try Self.money(list, field: "credits") ?? 0
      return credits
    }
    guard let elements = list.array else {
      throw RowError(column: "credits", value: list.jsonText, reason: "is not an array:")
    }
    for element in elements {
      guard let amount = try Self.money(element["amount"], field: "credits.amount") else {
        continue
      }
      let (sum, overflow) = credits.total.addingReportingOverflow(amount)
      guard !overflow else { throw RowError(column: "credits", reason: "sum is out of range") }
      credits.total = sum
      let type = element["type"]?.scalarText ?? "UNSPECIFIED"
      if let index = credits.byType.firstIndex(where: { $0.type == type }) {
        credits.byType[index].nanos &+= amount
      } else {
        credits.byType.append((type, amount))
      }
      if credits.commitmentCategory == nil, let category = Self.commitmentCreditCategories[type] {
        credits.commitmentCategory = category
        credits.commitmentId = element["id"]?.scalarText
        credits.commitmentName = element["full_name"]?.scalarText ?? element["name"]?.scalarText
      }
    }
    return credits
  }

  /// `project.labels` then `labels` as one JSON object of strings; `nil` without labels.
  private func tags() throws(RowError) -> String? {
    var keys: [String] = []
    var values: [String: String] = [:]
    for path in ["project.labels", "labels"] {
      guard let list = row.value(at: path), !list.isNull else { continue }
      guard let elements = list.array else {
        throw RowError(column: path, value: list.jsonText, reason: "is not an array of labels:")
      }
      for element in elements {
        guard let key = element["key"]?.scalarText, !key.isEmpty else { continue }
        if values[key] == nil { keys.append(key) }
        values[key] = element["value"]?.scalarText ?? ""
      }
    }
    guard !keys.isEmpty else { return nil }
    return "{"
      + keys.map { JSONText.quoted($0) + ":" + JSONText.quoted(values[$0] ?? "") }
      .joined(separator: ",") + "}"
  }

  /// Every non-null value not mapped to a field, keyed by dotted path (records one level deep,
  /// arrays and deeper records as compact JSON text), plus `credits.<TYPE>` totals.
  private func extras(creditsByType: [(type: String, nanos: Int64)]) -> String? {
    var pairs: [(String, String)] = []
    for member in row.object?.members ?? [] {
      if case .object(let record) = member.value {
        for field in record.members where !Self.isEmpty(field.value) {
          let path = member.key + "." + field.key
          guard !Self.mappedPaths.contains(path) else { continue }
          pairs.append((path, field.value.scalarText ?? field.value.jsonText))
        }
      } else if !Self.mappedPaths.contains(member.key) && !Self.isEmpty(member.value) {
        pairs.append((member.key, member.value.scalarText ?? member.value.jsonText))
      }
    }
    for (type, nanos) in creditsByType {
      pairs.append(("credits." + type, ScaledDecimal.format(nanos, scale: ChargeColumn.moneyScale)))
    }
    guard !pairs.isEmpty else { return nil }
    return "{"
      + pairs.map { JSONText.quoted($0.0) + ":" + JSONText.quoted($0.1) }.joined(separator: ",")
      + "}"
  }

  /// Whether a value carries nothing worth keeping: null, `""` or `[]`.
  private static func isEmpty(_ value: JSONValue) -> Bool {
    switch value {
    case .null: return true
    case .string(let text): return text.isEmpty
    case .array(let elements): return elements.isEmpty
    default: return false
    }
  }
}

/// The normalized, FOCUS-shaped columns of a charge, as stored in the `charge` table.
///
/// Each case carries the FOCUS name (`BilledCost`), the SQLite column (`billedCostNanos`), the
/// configuration key used by allocation rules (`billed_cost`) and how values are stored.
/// The order of the cases is the order of the columns in the table.
public enum ChargeColumn: Int, CaseIterable, Sendable {
  case billingAccountId, billingAccountName, billingAccountType
  case subAccountId, subAccountName, subAccountType
  case billingCurrency
  case billingPeriodStart, billingPeriodEnd, chargePeriodStart, chargePeriodEnd
  case chargeCategory, chargeClass, chargeDescription, chargeFrequency
  case billedCost, effectiveCost, listCost, contractedCost
  case listUnitPrice, contractedUnitPrice
  case pricingCategory, pricingQuantity, pricingUnit, pricingCurrency
  case consumedQuantity, consumedUnit
  case providerName, publisherName, invoiceIssuerName, invoiceId
  case serviceName, serviceCategory, serviceSubcategory
  case regionId, regionName, availabilityZone
  case resourceId, resourceName, resourceType
  case skuId, skuPriceId, skuMeter, skuPriceDetails
  case commitmentDiscountId, commitmentDiscountName, commitmentDiscountCategory
  case commitmentDiscountType, commitmentDiscountStatus
  case commitmentDiscountQuantity, commitmentDiscountUnit
  case capacityReservationId, capacityReservationStatus
  case tags
  case extras
  // Derived at ingest from the columns above (AI classification, `importers/ai/`).
  case aiCategory, acceleratorCount, acceleratorModel

  /// How a column's values are parsed and stored.
  public enum Kind: Sendable {
    /// UTF-8 text.
    case text
    /// An amount of money, stored exactly as an integer count of 10^-9 currency units.
    case money
    /// A unit price, validated as a decimal number and stored as its exact decimal text.
    case decimalText
    /// A measured quantity (usage, tokens), stored as a SQLite REAL; never money.
    case quantity
    /// An instant, stored as UTC seconds since the Unix epoch.
    case timestamp
    /// A JSON object stored as text.
    case jsonObject
  }

  /// Whether the column is stored on each charge row.
  ///
  /// The others (descriptive attributes that
  /// repeat across many charges) are stored once per distinct combination in `chargeProfile`.
  /// Extras stay on the charge because providers put per-row identifiers in them.
  public var isPerCharge: Bool {
    switch self {
    case .chargePeriodStart, .chargePeriodEnd, .billedCost, .effectiveCost, .listCost,
      .contractedCost, .pricingQuantity, .consumedQuantity, .commitmentDiscountQuantity,
      .resourceId, .resourceName, .extras:
      return true
    default:
      return false
    }
  }

  /// Whether finops derives the column at ingest (AI category and accelerators) instead of
  /// reading it from the source; an importer may still set it, and then its value is kept.
  public var isDerived: Bool {
    self == .aiCategory || self == .acceleratorCount || self == .acceleratorModel
  }

  /// The columns derived at ingest, in table order; they are the last profile columns.
  public static let derived = allCases.filter(\.isDerived)

  /// The columns stored on each charge row, in table order.
  public static let perCharge = allCases.filter(\.isPerCharge)
  /// The columns stored in `chargeProfile`, in table order.
  public static let profile = allCases.filter { !$0.isPerCharge }

  /// The number of decimal places money is stored with (nano-units).
  public static let moneyScale = 9

  /// The storage kind of the column.
  public var kind: Kind {
    switch self {
    case .billedCost, .effectiveCost, .listCost, .contractedCost: return .money
    case .listUnitPrice, .contractedUnitPrice: return .decimalText
    case .pricingQuantity, .consumedQuantity, .commitmentDiscountQuantity, .acceleratorCount:
      return .quantity
    case .billingPeriodStart, .billingPeriodEnd, .chargePeriodStart, .chargePeriodEnd:
      return .timestamp
    case .tags, .skuPriceDetails, .extras: return .jsonObject
    default: return .text
    }
  }

  /// The FOCUS column name (`BilledCost`); `x_`-prefixed for columns of finops's own
  /// (`x_Extras`, the bag of unmapped source columns, and the derived `x_AICategory`...).
  public var focusName: String {
    switch self {
    case .extras: return "x_Extras"
    case .aiCategory: return "x_AICategory"
    case .acceleratorCount: return "x_AcceleratorCount"
    case .acceleratorModel: return "x_AcceleratorModel"
    default: break
    }
    let name = String(describing: self)
    return name.prefix(1).uppercased() + name.dropFirst()
  }

  /// The SQLite column name: camelCase, with a `Nanos` suffix on money.
  public var sqlName: String {
    kind == .money ? "\(self)Nanos" : String(describing: self)
  }

  /// The snake_case key used in configuration (`billed_cost`, `sub_account_id`).
  public var configKey: String {
    if self == .extras { return "x_extras" }
    var key = ""
    for character in String(describing: self) {
      if character.isUppercase {
        key += "_" + character.lowercased()
      } else {
        key.append(character)
      }
    }
    return key
  }

  /// Looks a column up by its FOCUS name, SQL name or configuration key.
  /// - Parameter name: Any of the three spellings.
  /// - Returns: The column, or `nil` when no column has that name.
  public static func named(_ name: String) -> ChargeColumn? {
    allCases.first { $0.focusName == name || $0.sqlName == name || $0.configKey == name }
  }
}

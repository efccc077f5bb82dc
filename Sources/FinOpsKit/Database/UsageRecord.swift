/// One measured quantity of an AI provider's usage report (tokens of one type, requests, images,
/// seconds...), stored in the `aiUsage` table.
///
/// Usage records carry no money and never count as spend: reports divide the spend of the
/// provider's cost charges by these quantities to get unit costs (cost per 1M tokens by model).
public struct UsageRecord: Sendable, Equatable {
  /// The provider (`OpenAI`, `Anthropic`).
  public var providerName: String
  /// The usage endpoint or report (`completions`, `embeddings`, `messages`).
  public var endpoint: String
  /// Start of the usage bucket (UTC seconds).
  public var periodStart: Int64
  /// End of the usage bucket, exclusive (UTC seconds).
  public var periodEnd: Int64
  /// The organization (the billing account of the provider's cost charges).
  public var billingAccountId: String
  /// The project or workspace (`default` for the organization default).
  public var subAccountId: String?
  /// The model, when the report was grouped by model.
  public var model: String?
  /// The API key, when grouped by key.
  public var apiKeyId: String?
  /// The user or account, when grouped by user.
  public var userId: String?
  /// The service tier (`standard`, `batch`, `priority`...), when grouped by it.
  public var serviceTier: String?
  /// What is measured: a token type (`input`, `cached_input`, `cache_write_5m`, `output`,
  /// `input_audio`...), `requests`, `images`, `characters`, `seconds`, `bytes`, `sessions`.
  public var kind: String
  /// For a breakdown that is already counted in another kind (`input_audio` is part of the
  /// total input), that kind; `nil` for quantities that add up.
  public var partOf: String?
  /// The unit (`tokens`, `requests`, `images`, `characters`, `seconds`, `bytes`, `sessions`).
  public var unit: String
  /// The quantity, in `unit` (block units such as `1K tokens` already scaled).
  public var quantity: Double
  /// Other grouping values of the result (`context_window`, `batch`, `size`...) as a JSON
  /// object, or `nil`.
  public var dimensions: String?

  /// Creates a usage record.
  /// - Parameters:
  ///   - providerName: The provider.
  ///   - endpoint: The usage endpoint.
  ///   - periodStart: Bucket start.
  ///   - periodEnd: Bucket end.
  ///   - billingAccountId: The organization.
  ///   - subAccountId: The project or workspace.
  ///   - model: The model.
  ///   - apiKeyId: The API key.
  ///   - userId: The user.
  ///   - serviceTier: The service tier.
  ///   - kind: What is measured.
  ///   - partOf: The kind this one is a breakdown of.
  ///   - unit: The unit.
  ///   - quantity: The quantity.
  ///   - dimensions: Other grouping values as a JSON object.
  public init(
    providerName: String,
    endpoint: String,
    periodStart: Int64,
    periodEnd: Int64,
    billingAccountId: String,
    subAccountId: String? = nil,
    model: String? = nil,
    apiKeyId: String? = nil,
    userId: String? = nil,
    serviceTier: String? = nil,
    kind: String,
    partOf: String? = nil,
    unit: String,
    quantity: Double,
    dimensions: String? = nil
  ) {
    self.providerName = providerName
    self.endpoint = endpoint
    self.periodStart = periodStart
    self.periodEnd = periodEnd
    self.billingAccountId = billingAccountId
    self.subAccountId = subAccountId
    self.model = model
    self.apiKeyId = apiKeyId
    self.userId = userId
    self.serviceTier = serviceTier
    self.kind = kind
    self.partOf = partOf
    self.unit = unit
    self.quantity = quantity
    self.dimensions = dimensions
  }
}

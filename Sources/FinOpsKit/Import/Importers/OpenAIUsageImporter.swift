/// Reads saved pages of the OpenAI organization Usage API (`GET /v1/organization/usage/{type}`:
/// completions, embeddings, moderations, images, audio speeches and transcriptions, vector
/// stores, code interpreter sessions, file search and web search calls).
///
/// Usage carries tokens, requests, images, characters, seconds or bytes, never money: each
/// quantity of a result becomes one `UsageRecord` (one per token type), and no charge is
/// written. Token types are normalized: `input` is uncached input (`input_uncached_tokens`, or
/// `input_tokens` minus cached and cache-write tokens, since OpenAI's `input_tokens` includes
/// them), `cached_input`, `cache_write`, `output`; the per-modality counts (`input_audio`...)
/// are kept as breakdowns (`partOf`) that do not add up again. Each endpoint has its own
/// day-level scopes, so re-fetching completions never replaces embeddings.
struct OpenAIUsageImporter: Importer {
  static let id = "openai-usage"

  /// How a numeric result field is recorded: kind, unit, and the kind it is a breakdown of.
  struct Quantity {
    var kind: String
    var unit: String
    var partOf: String?
  }

  /// Known quantity fields.
  ///
  /// Unknown numeric fields are kept too (schema drift): `*_tokens` as
  /// tokens, anything else as a count.
  static let quantities: [String: Quantity] = [
    "input_cached_tokens": Quantity(kind: "cached_input", unit: "tokens"),
    "input_cache_write_tokens": Quantity(kind: "cache_write", unit: "tokens"),
    "output_tokens": Quantity(kind: "output", unit: "tokens"),
    "input_text_tokens": Quantity(kind: "input_text", unit: "tokens", partOf: "all_input"),
    "input_audio_tokens": Quantity(kind: "input_audio", unit: "tokens", partOf: "all_input"),
    "input_image_tokens": Quantity(kind: "input_image", unit: "tokens", partOf: "all_input"),
    "input_cached_text_tokens": Quantity(
      kind: "cached_input_text",
      unit: "tokens",
      partOf: "cached_input"
    ),
    "input_cached_audio_tokens": Quantity(
      kind: "cached_input_audio",
      unit: "tokens",
      partOf: "cached_input"
    ),
    "input_cached_image_tokens": Quantity(
      kind: "cached_input_image",
      unit: "tokens",
      partOf: "cached_input"
    ),
    "output_text_tokens": Quantity(kind: "output_text", unit: "tokens", partOf: "output"),
    "output_audio_tokens": Quantity(kind: "output_audio", unit: "tokens", partOf: "output"),
    "output_image_tokens": Quantity(kind: "output_image", unit: "tokens", partOf: "output"),
    "num_model_requests": Quantity(kind: "requests", unit: "requests"),
    "images": Quantity(kind: "images", unit: "images"),
    "characters": Quantity(kind: "characters", unit: "characters"),
    "seconds": Quantity(kind: "seconds", unit: "seconds"),
    "usage_bytes": Quantity(kind: "stored_bytes", unit: "bytes"),
    "num_sessions": Quantity(kind: "sessions", unit: "sessions"),
  ]

  /// Result fields that identify a group rather than measure anything.
  static let dimensions: Set<String> = [
    "object", "project_id", "user_id", "api_key_id", "model", "service_tier", "batch",
    "organization_id", "size", "source", "vector_store_id", "context_level",
  ]

  /// Result object names (`organization.usage.<name>.result`) that differ from the endpoint.
  static let endpointNames = [
    "file_searches": "file_search_calls", "web_searches": "web_search_calls",
  ]

  /// Endpoint names looked for in a file name when no result says which endpoint a page is.
  static let endpoints = [
    "completions", "embeddings", "moderations", "images", "audio_speeches",
    "audio_transcriptions", "vector_stores", "code_interpreter_sessions", "file_search_calls",
    "web_search_calls",
  ]

  var descriptor: ImporterDescriptor {
    ImporterDescriptor(
      id: Self.id,
      displayName: "OpenAI Usage API",
      summary: "OpenAI organization Usage API pages (JSON: tokens, requests, images, seconds; "
        + "usage records, never spend)",
      fileKinds: [.json],
      examples: ["completions-by-model-paginated", "overlap-refetch-first"]
    )
  }

  func recognize(_ sample: FileSample) -> Recognition {
    APIPageFile.sample(
      sample,
      has: ["organization.usage."],
      timeKey: "start_time",
      nameHint: "usage"
    )
      ? .match(version: nil) : .miss(missing: ["organization.usage.*.result"])
  }

  func importFile(_ file: ImportFile, into writer: ChargeWriter, rows: RowPolicy)
    throws(ImportError)
  {
    let page = try APIPageFile(file, format: Self.id)
    let buckets = try page.buckets()
    var endpoint: String?
    var account: String?
    for bucket in buckets {
      for result in try page.results(of: bucket) {
        if endpoint == nil, let object = page.text(result, "object") {
          endpoint = Self.endpoint(ofObject: object)
        }
        if account == nil { account = page.text(result, "organization_id") }
      }
    }
    let name = APIPageFile.nameAndFolder(file.path)
    guard
      let endpoint = endpoint
        ?? Self.endpoints.first(where: { name.contains($0) || name.contains(Self.singular($0)) })
    else {
      // Only empty buckets and nothing in the name: the page cannot say which endpoint's days
      // it covers, so it changes nothing.
      return
    }
    let billingAccount = account ?? OpenAICostsImporter.defaultAccount
    writer.dailyScopes = true
    writer.scopeStream = endpoint
    try page.forEachResult(writer: writer, account: billingAccount, rows: rows) {
      result,
      start,
      end in
      let records = try Self.records(
        of: result,
        page: page,
        endpoint: endpoint,
        account: billingAccount,
        start: start,
        end: end
      )
      for record in records { try writer.writeUsage(record, line: result.line) }
    }
  }

  static func endpoint(ofObject object: String) -> String? {
    let parts = object.split(separator: ".")
    guard parts.count == 4, parts[0] == "organization", parts[1] == "usage" else { return nil }
    let name = String(parts[2])
    return endpointNames[name] ?? name
  }

  private static func singular(_ endpoint: String) -> String {
    endpoint.hasSuffix("s") ? String(endpoint.dropLast()) : endpoint
  }

  /// The usage records of one result.
  static func records(
    of result: LocatedJSONValue,
    page: APIPageFile,
    endpoint: String,
    account: String,
    start: Int64,
    end: Int64
  ) throws(RowError) -> [UsageRecord] {
    guard let members = result.members else { throw RowError(reason: "a result must be an object") }
    if let object = page.text(result, "object"), let other = Self.endpoint(ofObject: object),
      other != endpoint
    {
      throw RowError(
        column: "object",
        value: object,
        reason: "mixes usage endpoints: this file holds '\(endpoint)' results, not"
      )
    }
    var dimensions: [String] = []
    for key in ["batch", "size", "source", "vector_store_id", "context_level"] {
      if let node = result[key], !node.isNull {
        dimensions.append(JSONText.quoted(key) + ":" + node.value.jsonText)
      }
    }
    let base = UsageRecord(
      providerName: "OpenAI",
      endpoint: endpoint,
      periodStart: start,
      periodEnd: end,
      billingAccountId: account,
      subAccountId: page.text(result, "project_id") ?? AICharge.defaultSubAccount,
      model: page.text(result, "model"),
      apiKeyId: page.text(result, "api_key_id"),
      userId: page.text(result, "user_id"),
      serviceTier: page.text(result, "service_tier"),
      kind: "",
      unit: "",
      quantity: 0,
      dimensions: dimensions.isEmpty ? nil : "{" + dimensions.joined(separator: ",") + "}"
    )
    var values: [String: Double] = [:]
    var records: [UsageRecord] = []
    for member in members where !member.node.isNull {
      guard !Self.dimensions.contains(member.key) else { continue }
      guard case .number(let text) = member.node.value else { continue }
      let value = try AIMoney.quantity(text, column: member.key)
      values[member.key] = value
      guard member.key != "input_tokens", member.key != "input_uncached_tokens" else { continue }
      let known =
        quantities[member.key]
        ?? (member.key.hasSuffix("_tokens")
          ? Quantity(kind: String(member.key.dropLast("_tokens".count)), unit: "tokens")
          : Quantity(kind: member.key, unit: "count"))
      if endpoint == "file_search_calls" || endpoint == "web_search_calls",
        member.key == "num_requests"
      {
        records.append(record(base, Quantity(kind: "tool_calls", unit: "requests"), value))
      } else {
        records.append(record(base, known, value))
      }
    }
    if let total = values["input_tokens"] {
      let uncached =
        values["input_uncached_tokens"]
        ?? total - (values["input_cached_tokens"] ?? 0) - (values["input_cache_write_tokens"] ?? 0)
      records.insert(record(base, Quantity(kind: "input", unit: "tokens"), uncached), at: 0)
    } else if let uncached = values["input_uncached_tokens"] {
      records.insert(record(base, Quantity(kind: "input", unit: "tokens"), uncached), at: 0)
    }
    return records.filter { $0.quantity != 0 }
  }

  private static func record(_ base: UsageRecord, _ quantity: Quantity, _ value: Double)
    -> UsageRecord
  {
    var record = base
    record.kind = quantity.kind
    record.unit = quantity.unit
    record.partOf = quantity.partOf
    record.quantity = value
    return record
  }
}

import Foundation

/// Reads the cost CSV exported from the Anthropic Console (Usage > Cost > Export,
/// `claude_api_cost_<from>_to_<to>.csv`).
///
/// Anthropic does not document this file; the columns assumed are the ones observed in public
/// exports (2024-12 to 2026): `usage_date_utc, model, workspace, api_key, usage_type,
/// context_window, token_type, cost_usd, list_price_usd, cost_type, inference_geo, speed,
/// api_key_id, api_key_status`, of which only `usage_date_utc` and `cost_usd` are required and
/// any other column is kept in `x_Extras`. Unlike the Admin API, `cost_usd` is in dollars (a
/// thousands separator such as `1,234.50` is accepted), `model` is a display name ("Claude
/// Sonnet 4") and `workspace` is a workspace name (`Default` for the default workspace). Each
/// date is a day-level scope, so an export of overlapping dates replaces those days.
struct AnthropicConsoleCostImporter: Importer {
  static let id = "anthropic-console-cost"
  static let required = ["usage_date_utc", "cost_usd"]
  static let detect = ["usage_date_utc", "token_type", "cost_usd"]
  static let columns = [
    "usage_date_utc", "model", "workspace", "api_key", "token_type", "cost_usd",
  ]
  static let mapped: Set<String> = [
    "usage_date_utc", "model", "workspace", "token_type", "cost_usd", "list_price_usd",
  ]

  var descriptor: ImporterDescriptor {
    ImporterDescriptor(
      id: Self.id,
      displayName: "Anthropic Console cost export",
      summary: "Anthropic Console cost CSV export (one row per day, model, workspace, key and "
        + "token type; dollars)",
      fileKinds: [.csv],
      examples: ["console-cost-export"]
    )
  }

  func recognize(_ sample: FileSample) -> Recognition {
    guard sample.kind == .csv else { return .miss(missing: Self.detect) }
    let header = Set(sample.header.map { $0.lowercased() })
    let missing = Self.detect.filter { !header.contains($0) }
    if missing.isEmpty { return .match(version: nil) }
    // A header with none of the detection columns is far from this format: list every column
    // of the export, so that closer formats are suggested first.
    return .miss(missing: missing.count == Self.detect.count ? Self.columns : missing)
  }

  func importFile(_ file: ImportFile, into writer: ChargeWriter, rows: RowPolicy)
    throws(ImportError)
  {
    let reader: CSVReader
    do {
      reader = CSVReader(source: try ByteSources.open(path: file.path))
    } catch {
      throw .input(error)
    }
    guard try next(reader, file) else { throw .emptyFile(path: file.path) }
    let header = reader.strings().map { $0.lowercased() }
    var index: [String: Int] = [:]
    for (position, name) in header.enumerated() where index[name] == nil { index[name] = position }
    let missing = Self.required.filter { index[$0] == nil }
    guard missing.isEmpty else {
      throw .missingColumns(path: file.path, format: Self.id, version: nil, columns: missing)
    }
    writer.dailyScopes = true
    var covered = Set<Int64>()
    while try next(reader, file) {
      let line = reader.recordLine
      if reader.fieldCount == 1 && reader.string(0).isEmpty { continue }
      guard reader.fieldCount == header.count else {
        try rows.reject(
          .fieldCount(
            path: file.path,
            format: Self.id,
            line: line,
            expected: header.count,
            actual: reader.fieldCount
          ),
          line: line,
          content: reader.recordText
        )
        continue
      }
      try rows.importRow(
        path: file.path,
        format: Self.id,
        line: line,
        content: reader.recordText
      ) {
        let charge = try charge(reader, header: header, index: index)
        if covered.insert(charge.start).inserted {
          try writer.coverBucket(
            account: AnthropicCostReportImporter.account,
            start: charge.start,
            end: charge.end
          )
        }
        try charge.write(to: writer, line: line)
      }
    }
  }

  private func charge(_ reader: CSVReader, header: [String], index: [String: Int])
    throws(RowError) -> AICharge
  {
    func value(_ name: String) -> String? {
      guard let position = index[name] else { return nil }
      let text = reader.string(position).trimmingCharacters(in: .whitespaces)
      return text.isEmpty || text == "not_available" ? nil : text
    }
    guard let date = value("usage_date_utc") else {
      throw RowError(column: "usage_date_utc", reason: "is empty")
    }
    let start: Int64
    do {
      start = try Timestamp.parse(date)
    } catch {
      throw RowError(column: "usage_date_utc", value: date, reason: "is not a date:")
    }
    let day = ChargeWriter.dayStart(start)
    guard let cost = value("cost_usd") else {
      throw RowError(column: "cost_usd", reason: "is empty")
    }
    let nanos = try AIMoney.nanos(
      Self.withoutThousands(cost),
      column: "cost_usd",
      centsInput: false
    )
    let listCost = try value("list_price_usd").map { text throws(RowError) in
      try AIMoney.nanos(Self.withoutThousands(text), column: "list_price_usd", centsInput: false)
    }
    let workspace = value("workspace")
    var extras: [String] = []
    for (position, name) in header.enumerated() where !Self.mapped.contains(name) {
      let text = reader.string(position)
      if !text.isEmpty { extras.append(JSONText.quoted(name) + ":" + JSONText.quoted(text)) }
    }
    return AICharge(
      providerName: "Anthropic",
      serviceName: "Claude API",
      billingAccountId: AnthropicCostReportImporter.account,
      subAccountId: workspace.map {
        $0.lowercased() == "default" ? AICharge.defaultSubAccount : $0
      },
      subAccountType: "Workspace",
      currency: "USD",
      start: day,
      end: day + 86_400,
      cost: nanos,
      listCost: listCost,
      description: [value("model"), value("token_type")].compactMap { $0 }
        .joined(separator: " - "),
      model: value("model"),
      tokenType: value("token_type").flatMap(TokenUnit.tokenType),
      extras: extras.isEmpty ? nil : "{" + extras.joined(separator: ",") + "}"
    )
  }

  /// `1,234.50` without its thousands separators; other text unchanged (and then rejected
  /// by the decimal parser if it is not a number).
  static func withoutThousands(_ text: String) -> String {
    let parts = text.split(separator: ".", maxSplits: 1)
    guard let whole = parts.first else { return text }
    let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
    guard groups.count > 1, groups.dropFirst().allSatisfy({ $0.count == 3 }),
      let first = groups.first, (1...4).contains(first.count)
    else { return text }
    return groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
  }

  private func next(_ reader: CSVReader, _ file: ImportFile) throws(ImportError) -> Bool {
    do {
      return try reader.nextRecord()
    } catch {
      throw .csv(path: file.path, format: Self.id, error)
    }
  }
}

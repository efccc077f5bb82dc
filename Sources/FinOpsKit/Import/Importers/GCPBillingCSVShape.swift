/// Turns a CSV save of the GCP billing export back into the nested row of the BigQuery table,
/// so that CSV and JSON Lines go through the same mapping (`GCPBillingRow`).
///
/// BigQuery cannot extract nested or repeated columns to CSV, so a CSV comes from saving query
/// results, and its header names the record fields either with a dot (`service.description`,
/// as the console writes them) or with an underscore (`service_description`, the usual alias in
/// a `SELECT`). Both are accepted. The repeated columns (`credits`, `labels`,
/// `project.labels`, `system_labels`) hold JSON text (`[{"key":"team","value":"search"}]`);
/// `credits` may instead hold a plain number, the row's credit total, as written by queries
/// that select `(SELECT SUM(amount) FROM UNNEST(credits)) AS credits`. Empty cells are null.
struct GCPBillingCSVShape {
  /// The records of the export table: a header name `record_field` means `record.field`.
  static let records = [
    "adjustment_info", "invoice", "location", "price", "project", "resource", "service", "sku",
    "subscription", "usage",
  ]

  /// Top-level fields whose names start like a record (`usage_start_time` is not `usage.*`).
  static let topLevel: Set<String> = [
    "billing_account_id", "usage_start_time", "usage_end_time", "export_time", "cost",
    "cost_type", "cost_at_list", "currency", "currency_conversion_rate", "transaction_type",
    "seller_name", "labels", "system_labels", "credits", "tags",
  ]

  /// Columns that hold JSON text (an array or an object) rather than a scalar.
  static let jsonColumns: Set<String> = [
    "credits", "labels", "project.labels", "system_labels", "tags", "project.ancestors",
    "project.ancestry_numbers",
  ]

  /// Each CSV column's path in the nested row (`["service", "description"]`).
  let paths: [[String]]

  /// Resolves a header.
  /// - Parameter header: The CSV header fields.
  init(header: [String]) {
    paths = header.map { name in
      let lowered = name.lowercased()
      if Self.topLevel.contains(lowered) { return [lowered] }
      if lowered.contains(".") {
        return lowered.split(separator: ".", maxSplits: 1).map(String.init)
      }
      for record in Self.records where lowered.hasPrefix(record + "_") {
        let rest = String(lowered.dropFirst(record.count + 1))
        if !rest.isEmpty { return [record, rest] }
      }
      return [lowered]
    }
  }

  /// The dotted names of the header, for detection (`service.description`).
  var dottedNames: Set<String> { Set(paths.map { $0.joined(separator: ".") }) }

  /// Builds the nested row of the current CSV record.
  /// - Parameter reader: The reader, positioned on a record with as many fields as the header.
  /// - Returns: The row as a JSON object.
  /// - Throws: `RowError` for a JSON column that does not parse.
  func row(from reader: CSVReader) throws(RowError) -> JSONValue {
    var top = JSONObject()
    var nested: [String: JSONObject] = [:]
    var order: [String] = []
    for (index, path) in paths.enumerated() where !reader.isNull(index) {
      let bytes = reader.field(index)
      if bytes.isEmpty { continue }
      let dotted = path.joined(separator: ".")
      let value = try Self.value(bytes, column: dotted)
      if path.count == 1 {
        top.members.append(.init(key: path[0], value: value))
      } else {
        if nested[path[0]] == nil {
          order.append(path[0])
          nested[path[0]] = JSONObject()
        }
        nested[path[0]]?.members.append(.init(key: path[1], value: value))
      }
    }
    for name in order {
      top.members.append(.init(key: name, value: .object(nested[name] ?? JSONObject())))
    }
    return .object(top)
  }

  private static func value(_ bytes: UnsafeBufferPointer<UInt8>, column: String) throws(RowError)
    -> JSONValue
  {
    do {
      try UTF8Check.validate(bytes)
    } catch {
      throw RowError(column: column, reason: "is not valid UTF-8 text")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard jsonColumns.contains(column) else { return .string(text) }
    let first = text.first { !$0.isWhitespace }
    if column == "credits", first != "[", first != "{" {
      return .string(text)  // a pre-summed credit total
    }
    do throws(JSONSyntaxError) {
      return try JSONParser.parse(bytes)
    } catch {
      throw RowError(column: column, value: text, reason: "is not valid JSON (\(error.reason)):")
    }
  }
}

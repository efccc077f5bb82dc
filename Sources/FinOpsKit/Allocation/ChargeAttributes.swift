import Foundation

/// The values of a charge (or of a group of charges that share them) that rules can read.
public struct ChargeAttributes: Sendable, Hashable {
  /// Column values; a column without a value is absent.
  public var columns: [ChargeColumn: String]
  /// Tag values by key, from the charge's JSON tags (non-string values as their JSON text).
  public var tags: [String: String]

  /// Creates attributes.
  /// - Parameters:
  ///   - columns: Column values.
  ///   - tags: Tag values.
  public init(columns: [ChargeColumn: String] = [:], tags: [String: String] = [:]) {
    self.columns = columns
    self.tags = tags
  }

  /// Reads attributes from column values, parsing the `tags` column's JSON.
  /// - Parameter columns: Column values, the tags column as JSON text.
  /// - Returns: The attributes.
  public static func from(columns: [ChargeColumn: String]) -> ChargeAttributes {
    var values = columns
    let tagsText = values.removeValue(forKey: .tags)
    return ChargeAttributes(columns: values, tags: tagsText.map(parseTags) ?? [:])
  }

  /// The value a matcher key reads.
  /// - Parameter key: A column or tag key.
  /// - Returns: The value, or `nil` when absent.
  public func value(for key: ChargeMatcher.Key) -> String? {
    switch key {
    case .column(let column): return columns[column]
    case .tag(let name): return tags[name]
    }
  }

  /// Fills `{tags.key}` and `{column_key}` placeholders from the attributes.
  /// - Parameter template: Text such as `{tags.pilot}` or `team-{sub_account_name}`.
  /// - Returns: The text, or `nil` when a placeholder has no value.
  public func fill(_ template: String) -> String? {
    guard template.contains("{") else { return template }
    var result = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      result += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { return nil }
      let name = String(rest[rest.index(after: open)..<close])
      let value: String?
      if name.hasPrefix("tags.") {
        value = tags[String(name.dropFirst(5))]
      } else {
        value = ChargeColumn.named(name).flatMap { columns[$0] }
      }
      guard let value, !value.isEmpty else { return nil }
      result += value
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }

  private static func parseTags(_ text: String) -> [String: String] {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else { return [:] }
    var tags: [String: String] = [:]
    for (key, value) in object {
      switch value {
      case let text as String: tags[key] = text
      case let number as NSNumber: tags[key] = number.stringValue
      case is NSNull: continue
      default:
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
          tags[key] = String(decoding: data, as: UTF8.self)
        }
      }
    }
    return tags
  }
}

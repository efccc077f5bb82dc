/// Units of AI usage: token types and block units (`1K tokens`, `1M tokens`, `1000_tokens`).
public enum TokenUnit {
  /// The token types finops distinguishes, in report order.
  ///
  /// `input` is uncached input only;
  /// `cached_input` is cache reads; `cache_write` (OpenAI) and `cache_write_5m`/`cache_write_1h`
  /// (Anthropic) are prompt-cache writes; together they make the total input.
  public static let tokenTypes = [
    "input", "cached_input", "cache_write", "cache_write_5m", "cache_write_1h", "output",
  ]

  /// Reads a block unit into its multiplier and base unit.
  ///
  /// `1K tokens` is (1000, `tokens`), `1M Tokens` is (1000000, `tokens`), OpenAI's
  /// `1000_tokens` is (1000, `tokens`), `duration_seconds` is (1, `seconds`), `1 Hour` and
  /// `Hours` are (1, `hours`). The base unit is lowercase and plural.
  /// - Parameter text: The unit as written in an export.
  /// - Returns: The multiplier and the base unit.
  public static func scale(_ text: String) -> (factor: Int64, unit: String) {
    var rest = Substring(text.trimmingSpaces.lowercased())
    var factor: Int64 = 1
    var digits = ""
    while let first = rest.first, first.isNumber || first == "," {
      if first != "," { digits.append(first) }
      rest = rest.dropFirst()
    }
    if !digits.isEmpty, let number = Int64(digits) { factor = number }
    if let first = rest.first, "km".contains(first),
      rest.dropFirst().first.map({ $0 == " " || $0 == "_" }) ?? true
    {
      factor *= first == "k" ? 1_000 : 1_000_000
      rest = rest.dropFirst()
    }
    var unit = String(rest.drop { $0 == " " || $0 == "_" })
    if unit.hasPrefix("duration_") { unit.removeFirst("duration_".count) }
    if !unit.isEmpty, !unit.hasSuffix("s") { unit += "s" }
    return (factor, unit)
  }

  /// The canonical token type of a provider's spelling, or `nil` when the text names none.
  ///
  /// Accepts OpenAI line-item words (`input`, `cached input`, `output`), Anthropic cost-report
  /// and Console values (`uncached_input_tokens`, `cache_read_input_tokens`,
  /// `cache_creation.ephemeral_5m_input_tokens`, `input_no_cache`, `input_cache_write_1h`...).
  /// - Parameter text: The token type as written.
  /// - Returns: One of `tokenTypes`, or `nil`.
  public static func tokenType(_ text: String) -> String? {
    let key = text.trimmingSpaces.lowercased()
      .replacingAll(" ", with: "_").replacingAll("-", with: "_")
    if key.contains("5m") { return "cache_write_5m" }
    if key.contains("1h") { return "cache_write_1h" }
    if key.contains("uncached") || key.contains("no_cache") { return "input" }
    if key.contains("cache_read") || key.contains("cached") { return "cached_input" }
    if key.contains("cache_write") || key.contains("cache_creation") { return "cache_write" }
    if key.contains("output") || key.contains("completion") { return "output" }
    if key.contains("input") || key.contains("prompt") { return "input" }
    return nil
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }

  fileprivate func replacingAll(_ target: Character, with replacement: Character) -> String {
    String(map { $0 == target ? replacement : $0 })
  }
}

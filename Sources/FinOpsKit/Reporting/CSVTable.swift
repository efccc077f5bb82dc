/// A CSV table for spreadsheets (RFC 4180 quoting), safe to open in Excel.
///
/// Cells from billing data or configuration that a spreadsheet would run as a formula (they
/// start with `=`, `+`, `-`, `@`, a tab or a carriage return, after any leading spaces) get a
/// leading `'`, so they show as text. Numbers finops writes itself stay numbers.
public struct CSVTable: Sendable {
  /// One cell.
  public enum Cell: Sendable, Equatable {
    /// Text from billing data or configuration: neutralized if it looks like a formula.
    case text(String)
    /// A number finops formatted itself (`-12.50`): written as is.
    case number(String)
    /// An empty cell.
    case empty
  }

  /// The column names.
  public var header: [String]
  /// The rows.
  public var rows: [[Cell]] = []

  /// Creates an empty table.
  /// - Parameter header: The column names.
  public init(header: [String]) { self.header = header }

  /// Appends a row.
  /// - Parameter cells: One cell per column.
  public mutating func append(_ cells: [Cell]) { rows.append(cells) }

  /// The table as CSV text, one line per row (`\n`), with a header line.
  public var text: String {
    var lines = [header.map(Self.quote).joined(separator: ",")]
    for row in rows {
      lines.append(row.map(Self.render).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A cell's CSV text.
  /// - Parameter cell: The cell.
  /// - Returns: The neutralized and quoted text.
  public static func render(_ cell: Cell) -> String {
    switch cell {
    case .empty: return ""
    case .number(let number): return number
    case .text(let text): return quote(neutralize(text))
    }
  }

  /// Prefixes text a spreadsheet would treat as a formula with `'`.
  /// - Parameter text: A value from billing data.
  /// - Returns: The value, or `'` followed by it.
  public static func neutralize(_ text: String) -> String {
    guard let first = text.unicodeScalars.first(where: { $0 != " " }) else { return text }
    return ["=", "+", "-", "@", "\t", "\r", "\n"].contains(first) ? "'" + text : text
  }

  /// Quotes text that holds a comma, quote, line break or surrounding space.
  /// - Parameter text: The text.
  /// - Returns: The text, quoted with doubled quotes when needed.
  public static func quote(_ text: String) -> String {
    let needsQuotes =
      text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || text.hasPrefix(" ") || text.hasSuffix(" ")
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

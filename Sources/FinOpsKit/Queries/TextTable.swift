/// Plain aligned text tables for terminal output.
public enum TextTable {
  /// Renders rows (the first is the header) with columns padded to equal width.
  /// - Parameters:
  ///   - rows: The cells, header first.
  ///   - rightAligned: Indexes of columns to align right (numbers).
  /// - Returns: The table, one line per row, without trailing spaces.
  public static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let columnCount = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columnCount)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    return rows.map { row in
      var line = ""
      for (index, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        if index > 0 { line += "  " }
        line += rightAligned.contains(index) ? padding + cell : cell + padding
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }
}

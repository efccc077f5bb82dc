import Testing

@testable import FinOpsKit

struct EscapingTests {
  @Test func markdownValuesStayInTheirCell() {
    #expect(MarkdownText.escape("a|b") == "a\\|b")
    #expect(MarkdownText.escape("line\nbreak\r\nand\rmore") == "line break and more")
    #expect(
      MarkdownText.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    )
    #expect(
      MarkdownText.escape("[x](javascript:y) **b** `c` # h")
        == "\\[x\\](javascript:y) \\*\\*b\\*\\* \\`c\\` \\# h"
    )
    #expect(MarkdownText.escape("a&amp;b") == "a&amp;amp;b")
    #expect(MarkdownText.escape("tab\there") == "tab here")
    #expect(!MarkdownText.escape("x\n| y |\n").contains("\n"))
  }

  @Test func mermaidLabelsCannotEndTheirQuotes() {
    #expect(MarkdownText.mermaidLabel("a \"b\" <c>\nd") == "a #quot;b#quot; #lt;c#gt; d")
  }

  @Test func spreadsheetFormulasFromDataAreNeutralized() {
    for formula in ["=cmd|' /C calc'!A0", "+1234", "-2+3", "@SUM(A1)", "\tx", "\rx", "  =1+1"] {
      let cell = CSVTable.render(.text(formula))
      let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
      #expect(unquoted.hasPrefix("'"), "'\(formula)' was not neutralized: \(cell)")
    }
    #expect(CSVTable.render(.text("plain")) == "plain")
    // Numbers finops writes itself stay numbers.
    #expect(CSVTable.render(.number("-12.50")) == "-12.50")
  }

  @Test func csvQuotesCommasQuotesAndLineBreaks() {
    var table = CSVTable(header: ["a", "b"])
    table.append([.text("x, \"y\""), .text("1\n2")])
    table.append([.empty, .text(" padded ")])
    #expect(table.text == "a,b\n\"x, \"\"y\"\"\",\"1\n2\"\n,\" padded \"\n")
  }

  @Test func groupedMoneyAndPercentages() {
    #expect(ReportNumber.groupedMoney(1_234_567_891_000_000) == "1,234,567.89")
    #expect(ReportNumber.groupedMoney(-1_000_000_000_000) == "-1,000.00")
    #expect(ReportNumber.groupedMoney(5_000_000) == "0.00")
    #expect(ReportNumber.signedMoney(15_000_000) == "+0.02")
    #expect(ReportNumber.percent(128_755_364) == "12.9%")
    #expect(ReportNumber.fraction(128_755_364) == "0.1288")
  }

  @Test func jsonStringsEscapeControlCharacters() {
    #expect(JSONOutput.quote("a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\\u0001\"")
  }
}

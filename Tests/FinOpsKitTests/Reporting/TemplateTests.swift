import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

struct TemplateTests {
  @Test func sectionsRepeatListsAndStandaloneTagsTakeTheirLine() throws {
    let template = try Template(
      """
      | a | b |
      {{#rows}}
      | {{a}} | {{b.c}} |
      {{/rows}}
      {{^rows}}
      none
      {{/rows}}
      {{! a comment }}
      {{#flag}}on{{/flag}}{{^flag}}off{{/flag}} {{title}}
      """,
      name: "t"
    )
    let rendered = template.render([
      "rows": .list([
        .object(["a": "1", "b": .object(["c": "x"])]),
        .object(["a": "2", "b": .object(["c": "y"])]),
      ]),
      "flag": .flag(false),
      "title": "T",
    ])
    #expect(rendered == "| a | b |\n| 1 | x |\n| 2 | y |\noff T")
    #expect(
      try Template("{{#rows}}x\n{{/rows}}{{^rows}}none{{/rows}}", name: "t").render([:]) == "none"
    )
  }

  @Test func valuesAreInsertedAsTheyAre() throws {
    // Escaping is the values' job: the template never re-escapes or interprets them.
    let template = try Template("{{value}}", name: "t")
    #expect(template.render(["value": "a {{b}} <c>"]) == "a {{b}} <c>")
    #expect(template.render(["value": .text(MarkdownText.escape("x|y"))]) == "x\\|y")
  }

  @Test func malformedTemplatesNameTheFileAndLine() {
    let cases: [(String, String)] = [
      ("a\n{{#rows}}\nb", "t.mustache:2: error: section '{{#rows}}' is never closed"),
      ("{{/rows}}", "t.mustache:1: error: '{{/rows}}' closes no open section"),
      ("x\ny {{name", "t.mustache:2: error: '{{' without '}}'"),
      (
        "{{{raw}}}",
        "t.mustache:1: error: '{{{raw}}' is not supported (values are escaped in Swift)"
      ),
      ("{{#a}}{{/b}}", "t.mustache:1: error: '{{/b}}' closes no open section"),
    ]
    for (text, message) in cases {
      #expect(throws: ReportError.self) { try Template(text, name: "t.mustache") }
      do {
        _ = try Template(text, name: "t.mustache")
      } catch {
        #expect(error.description == message)
      }
    }
  }

  @Test func aTemplatesDirectoryOverridesTheBuiltIns() throws {
    let folder = TemporaryDirectory()
    _ = folder.write("monthly-summary.md.mustache", "Total {{total}} in {{currency}}\n")
    _ = folder.write("notes.txt", "ignored")
    let library = try TemplateLibrary.loading(directory: folder.url.path)
    let context = try ReportGoldenTests.context(ReportGoldenTests.cases[0])
    let text = try MonthlySummaryReporter().render(
      ReportContext(
        summary: context.summary,
        configuration: context.configuration,
        templates: library
      )
    )
    #expect(text == "Total 2,805.01 in USD\n")
    #expect(library.texts["notes.txt"] == nil)
  }

  @Test func aMissingTemplatesDirectoryIsAnError() {
    #expect(throws: ReportError.self) {
      try TemplateLibrary.loading(directory: "/nonexistent/templates")
    }
  }
}

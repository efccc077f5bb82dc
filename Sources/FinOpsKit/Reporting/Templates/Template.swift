/// A parsed logic-less template in the Mustache style: `{{name}}`, `{{a.b}}`, `{{.}}`,
/// sections `{{#name}}…{{/name}}` (repeated for a list, shown when true), inverted sections
/// `{{^name}}…{{/name}}` and comments `{{! … }}`.
///
/// Values are inserted as they are: escaping for Markdown or Mermaid is done in Swift when the
/// values are made. A tag that is alone on its line (other than a variable) takes its line with
/// it, so sections can wrap table rows without leaving blank lines.
public struct Template: Sendable {
  indirect enum Node: Sendable {
    case text(String)
    case variable(String)
    case section(name: String, inverted: Bool, children: [Node])
  }

  /// The template's name, for messages.
  public let name: String
  let nodes: [Node]

  /// Parses a template.
  /// - Parameters:
  ///   - text: The template text.
  ///   - name: Its name (file name) for messages.
  /// - Throws: `ReportError.template` for an unclosed or mismatched section or tag.
  public init(_ text: String, name: String) throws(ReportError) {
    self.name = name
    var parser = TemplateParser(text: text, name: name)
    nodes = try parser.parse()
  }

  /// Renders the template with values.
  /// - Parameter context: The top-level values.
  /// - Returns: The rendered text.
  public func render(_ context: [String: TemplateValue]) -> String {
    var output = ""
    Self.render(nodes, stack: [.object(context)], into: &output)
    return output
  }

  private static func render(_ nodes: [Node], stack: [TemplateValue], into output: inout String) {
    for node in nodes {
      switch node {
      case .text(let text): output += text
      case .variable(let name): output += lookup(name, in: stack)?.rendered ?? ""
      case .section(let name, let inverted, let children):
        let value = lookup(name, in: stack)
        if inverted {
          if !(value?.isTruthy ?? false) { render(children, stack: stack, into: &output) }
          continue
        }
        guard let value, value.isTruthy else { continue }
        if case .list(let items) = value {
          for item in items { render(children, stack: stack + [item], into: &output) }
        } else {
          render(children, stack: stack + [value], into: &output)
        }
      }
    }
  }

  /// Finds `name` (`.`, `a` or `a.b`) from the innermost context outwards.
  private static func lookup(_ name: String, in stack: [TemplateValue]) -> TemplateValue? {
    if name == "." { return stack.last }
    let parts = name.split(separator: ".").map(String.init)
    for context in stack.reversed() {
      guard case .object(let values) = context, var value = values[parts[0]] else { continue }
      for part in parts.dropFirst() {
        guard case .object(let inner) = value, let next = inner[part] else { return nil }
        value = next
      }
      return value
    }
    return nil
  }
}

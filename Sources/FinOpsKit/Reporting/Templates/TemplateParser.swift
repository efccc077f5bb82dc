import Foundation

/// Turns template text into `Template.Node`s, removing the lines of standalone tags.
struct TemplateParser {
  private enum Tag {
    case variable(String)
    case open(String, inverted: Bool)
    case close(String)
    case comment
  }

  private let lines: [Substring]
  private let name: String
  private var lineNumber = 0

  init(text: String, name: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    self.name = name
  }

  mutating func parse() throws(ReportError) -> [Template.Node] {
    // Each open section: its name, its line and the nodes collected so far.
    var stack: [(name: String, inverted: Bool, line: Int, nodes: [Template.Node])] = [
      ("", false, 0, [])
    ]
    for (index, line) in lines.enumerated() {
      lineNumber = index + 1
      let isLast = index == lines.count - 1
      let pieces = try split(line)
      let tags = pieces.compactMap { piece -> Tag? in
        if case .tag(let tag) = piece { return tag }
        return nil
      }
      let onlySpace = pieces.allSatisfy { piece in
        if case .text(let text) = piece { return text.allSatisfy { $0 == " " || $0 == "\t" } }
        return true
      }
      let standalone =
        onlySpace && tags.count == 1
        && { if case .variable = tags[0] { return false } else { return true } }()
      for piece in pieces {
        switch piece {
        case .text(let text):
          if !standalone && !text.isEmpty { stack[stack.count - 1].nodes.append(.text(text)) }
        case .tag(.variable(let variable)):
          stack[stack.count - 1].nodes.append(.variable(variable))
        case .tag(.comment):
          continue
        case .tag(.open(let section, let inverted)):
          stack.append((section, inverted, lineNumber, []))
        case .tag(.close(let section)):
          guard stack.count > 1, let open = stack.last, open.name == section else {
            throw failure("'{{/\(section)}}' closes no open section")
          }
          stack.removeLast()
          stack[stack.count - 1].nodes.append(
            .section(name: section, inverted: open.inverted, children: open.nodes)
          )
        }
      }
      if !standalone && !isLast { stack[stack.count - 1].nodes.append(.text("\n")) }
    }
    if let open = stack.last, stack.count > 1 {
      lineNumber = open.line
      throw failure("section '{{#\(open.name)}}' is never closed")
    }
    return stack[0].nodes
  }

  private enum Piece {
    case text(String)
    case tag(Tag)
  }

  private func split(_ line: Substring) throws(ReportError) -> [Piece] {
    var pieces: [Piece] = []
    var rest = line
    while let open = rest.range(of: "{{") {
      pieces.append(.text(String(rest[..<open.lowerBound])))
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        throw failure("'{{' without '}}'")
      }
      let body = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      rest = rest[close.upperBound...]
      guard let first = body.first else { throw failure("empty tag '{{}}'") }
      let tagName = body.dropFirst().trimmingCharacters(in: .whitespaces)
      switch first {
      case "!": pieces.append(.tag(.comment))
      case "#", "^", "/":
        guard !tagName.isEmpty else { throw failure("section tag without a name") }
        pieces.append(.tag(first == "/" ? .close(tagName) : .open(tagName, inverted: first == "^")))
      case "{", "&", ">", "=":
        throw failure("'{{\(body)}}' is not supported (values are escaped in Swift)")
      default: pieces.append(.tag(.variable(body)))
      }
    }
    pieces.append(.text(String(rest)))
    return pieces
  }

  private func failure(_ reason: String) -> ReportError {
    .template(name: "\(name):\(lineNumber)", reason: reason)
  }
}

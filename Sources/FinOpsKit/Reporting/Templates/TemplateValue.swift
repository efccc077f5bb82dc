/// A value a report template can show: text, a flag, an object of named values or a list.
///
/// Templates are logic-less: every figure is computed and formatted (and escaped for its
/// output) in Swift before it reaches a template.
public indirect enum TemplateValue: Sendable, Equatable, ExpressibleByStringLiteral {
  /// Text, inserted as is.
  case text(String)
  /// A flag: a section shows when true.
  case flag(Bool)
  /// Named values.
  case object([String: TemplateValue])
  /// A list: a section repeats once per element.
  case list([TemplateValue])

  /// Creates a text value from a literal.
  /// - Parameter value: The text.
  public init(stringLiteral value: String) { self = .text(value) }

  /// Whether a section over this value shows (non-empty text, true, an object, a non-empty
  /// list).
  var isTruthy: Bool {
    switch self {
    case .text(let text): return !text.isEmpty
    case .flag(let flag): return flag
    case .object: return true
    case .list(let items): return !items.isEmpty
    }
  }

  /// The value's text for `{{name}}`.
  var rendered: String {
    switch self {
    case .text(let text): return text
    case .flag(let flag): return flag ? "true" : "false"
    case .object, .list: return ""
    }
  }
}

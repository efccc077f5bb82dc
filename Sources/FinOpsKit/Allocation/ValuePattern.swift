import Foundation

/// One pattern of an allocation rule: an exact string, a glob with `*` and `?`, or a
/// `/regular expression/`.
public struct ValuePattern: Sendable, Equatable, CustomStringConvertible {
  private enum Kind: @unchecked Sendable {
    case exact(String)
    case expression(NSRegularExpression)
  }

  private let kind: Kind
  /// The pattern as written.
  public let text: String

  /// Compiles a pattern.
  /// - Parameter text: `exact`, `glob*`, or `/regex/`.
  /// - Throws: `ValuePattern.Invalid` for a regular expression that does not compile.
  public init(_ text: String) throws(Invalid) {
    self.text = text
    if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
      let source = String(text.dropFirst().dropLast())
      do {
        kind = .expression(try NSRegularExpression(pattern: source))
      } catch {
        throw Invalid(pattern: text)
      }
    } else if text.contains("*") || text.contains("?") {
      var source = "^"
      for character in text {
        switch character {
        case "*": source += ".*"
        case "?": source += "."
        default: source += NSRegularExpression.escapedPattern(for: String(character))
        }
      }
      source += "$"
      do {
        kind = .expression(
          try NSRegularExpression(pattern: source, options: [.dotMatchesLineSeparators])
        )
      } catch {
        throw Invalid(pattern: text)
      }
    } else {
      kind = .exact(text)
    }
  }

  /// A regular expression that does not compile.
  public struct Invalid: Error, Equatable, Sendable {
    /// The pattern as written.
    public var pattern: String
  }

  /// Whether a value matches; a missing value never does.
  /// - Parameter value: The charge's value, or `nil` when it has none.
  /// - Returns: `true` on a match.
  public func matches(_ value: String?) -> Bool {
    guard let value else { return false }
    switch kind {
    case .exact(let expected): return value == expected
    case .expression(let expression):
      let range = NSRange(value.startIndex..<value.endIndex, in: value)
      return expression.firstMatch(in: value, range: range) != nil
    }
  }

  /// The pattern as written.
  public var description: String { text }

  /// Patterns are equal when written the same.
  /// - Parameters:
  ///   - lhs: A pattern.
  ///   - rhs: Another pattern.
  /// - Returns: Whether both were written the same.
  public static func == (lhs: ValuePattern, rhs: ValuePattern) -> Bool { lhs.text == rhs.text }
}

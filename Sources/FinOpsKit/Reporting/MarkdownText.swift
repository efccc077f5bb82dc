/// Escapes billing data for Markdown and Mermaid, so that a value never breaks a table row,
/// starts a new block or injects HTML or links.
public enum MarkdownText {
  /// Escapes text for inline Markdown and table cells.
  ///
  /// Line breaks become spaces; `|`, `\` and the characters that start emphasis, code, links
  /// and headings are backslash-escaped; `<`, `>` and `&` become HTML entities.
  /// - Parameter text: Text from billing data or configuration.
  /// - Returns: Text that renders literally, on one line.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    var previousWasCR = false
    for character in text.unicodeScalars {
      defer { previousWasCR = character == "\r" }
      switch character {
      case "\r": result += " "
      case "\n": if !previousWasCR { result += " " }
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      case "|", "\\", "`", "*", "_", "[", "]", "#", "~", "!":
        result += "\\"
        result.unicodeScalars.append(character)
      default:
        if character.properties.generalCategory == .control {
          result += " "
        } else {
          result.unicodeScalars.append(character)
        }
      }
    }
    return result
  }

  /// Escapes text for a quoted Mermaid label (`"…"`): quotes and line breaks cannot end it.
  /// - Parameter text: The label.
  /// - Returns: Text safe inside double quotes in a Mermaid chart.
  public static func mermaidLabel(_ text: String) -> String {
    var result = ""
    for character in text.unicodeScalars {
      switch character {
      case "\"": result += "#quot;"
      case "#": result += "#35;"
      case "<": result += "#lt;"
      case ">": result += "#gt;"
      case "`": result += "'"
      default:
        if character.properties.generalCategory == .control {
          result += " "
        } else {
          result.unicodeScalars.append(character)
        }
      }
    }
    return result
  }
}

import Foundation

/// The report templates: the built-in ones of `reports/`, optionally overridden or added to
/// from a directory (`--templates-dir`).
public struct TemplateLibrary: Sendable {
  /// Template texts by file name (`monthly-summary.md.mustache`).
  public private(set) var texts: [String: String]
  /// Where each overriding template came from.
  public private(set) var overrides: [String: String] = [:]

  /// The built-in templates.
  public static let builtIn = TemplateLibrary(
    texts: Dictionary(uniqueKeysWithValues: BuiltinTemplates.files.map { ($0.name, $0.text) })
  )

  private init(texts: [String: String]) { self.texts = texts }

  /// The built-in templates with the `*.mustache` files of a directory on top.
  /// - Parameter directory: A directory of templates, or `nil` for the built-ins alone.
  /// - Returns: The library.
  /// - Throws: `ReportError.templatesDirectory` when the directory cannot be read.
  public static func loading(directory: String?) throws(ReportError) -> TemplateLibrary {
    var library = builtIn
    guard let directory else { return library }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw .templatesDirectory(path: directory, reason: error.localizedDescription)
    }
    for name in names.sorted() where name.hasSuffix(".mustache") {
      let path = (directory as NSString).appendingPathComponent(name)
      do {
        library.texts[name] = try String(contentsOfFile: path, encoding: .utf8)
        library.overrides[name] = path
      } catch {
        throw .templatesDirectory(path: path, reason: error.localizedDescription)
      }
    }
    return library
  }

  /// A parsed template.
  /// - Parameter name: The file name.
  /// - Returns: The template.
  /// - Throws: `ReportError.template` when it is missing or malformed.
  public func template(_ name: String) throws(ReportError) -> Template {
    guard let text = texts[name] else {
      throw .template(name: name, reason: "no such template")
    }
    return try Template(text, name: overrides[name] ?? "reports/\(name)")
  }
}

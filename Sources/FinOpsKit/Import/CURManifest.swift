import Foundation

/// An AWS Cost and Usage Report manifest (`<report>-Manifest.json`): the list of part files of
/// one delivery.
///
/// Legacy CUR manifests list S3 keys under `reportKeys`; CUR 2.0 (Data Exports) manifests list
/// S3 URIs under `dataFiles`. A local copy of the delivery keeps the bucket's folder layout below
/// some point, so each part is looked up relative to the manifest: the longest trailing part of
/// its key that exists under the manifest's folder or one of the folders above it.
public enum CURManifest {
  /// How many folders above the manifest's own a part is looked for (CUR 2.0 keeps manifests in
  /// `metadata/BILLING_PERIOD=.../` and parts in `data/BILLING_PERIOD=.../`).
  static let folderLevelsUp = 3

  /// Whether a file name is a CUR manifest's.
  /// - Parameter path: A file path.
  /// - Returns: `true` for names ending in `Manifest.json` (any case).
  public static func isManifest(_ path: String) -> Bool {
    (path as NSString).lastPathComponent.lowercased().hasSuffix("manifest.json")
  }

  /// The part files a manifest lists, found relative to it.
  /// - Parameter path: The manifest.
  /// - Returns: The parts' paths, in the manifest's order.
  /// - Throws: `ImportError.badManifest` for an unreadable manifest, one that lists no part, or
  ///   a part that cannot be found.
  public static func parts(of path: String) throws(ImportError) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .badManifest(path: path, reason: "cannot read the manifest")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw .badManifest(path: path, reason: "the manifest is not a JSON object")
    }
    let keys = (object["reportKeys"] as? [String]) ?? (object["dataFiles"] as? [String]) ?? []
    guard !keys.isEmpty else {
      throw .badManifest(path: path, reason: "the manifest lists no part ('reportKeys' is empty)")
    }
    let folder = (path as NSString).deletingLastPathComponent
    var parts: [String] = []
    for key in keys {
      guard let found = locate(key, from: folder.isEmpty ? "." : folder) else {
        throw .badManifest(
          path: path,
          reason: "part '\(key)' is listed but not found next to the manifest (copy the "
            + "delivery with its folders, or ingest the part files directly)"
        )
      }
      parts.append(found)
    }
    return parts
  }

  /// The local file for an S3 key: its longest trailing path that exists under `folder` or a
  /// folder above it, the nearest folder first.
  static func locate(_ key: String, from folder: String) -> String? {
    var trimmed = key
    if let range = trimmed.range(of: "s3://") {
      trimmed = String(trimmed[range.upperBound...])
      if let slash = trimmed.firstIndex(of: "/") {
        trimmed = String(trimmed[trimmed.index(after: slash)...])
      }
    }
    let components = trimmed.split(separator: "/").map(String.init)
    guard !components.isEmpty else { return nil }
    var folders = [folder]
    for _ in 0..<folderLevelsUp {
      let parent = (folders[folders.count - 1] as NSString).deletingLastPathComponent
      guard !parent.isEmpty, parent != folders[folders.count - 1] else { break }
      folders.append(parent)
    }
    for start in components.indices {
      let suffix = components[start...].joined(separator: "/")
      for base in folders {
        let candidate = (base as NSString).appendingPathComponent(suffix)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
          !isDirectory.boolValue
        {
          return candidate
        }
      }
    }
    return nil
  }
}

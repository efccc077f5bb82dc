import Foundation

/// Finds the files to import under the paths given on the command line and samples their start.
public enum InputFiles {
  /// File name endings that a directory walk picks up.
  public static let extensions = [".csv", ".csv.gz", ".json", ".json.gz", ".jsonl", ".jsonl.gz"]

  /// Expands files and directories into a sorted list of files.
  ///
  /// A file named explicitly is taken whatever its name; inside a directory only files with a
  /// known ending are taken, recursively, skipping hidden ones. A CUR manifest
  /// (`*-Manifest.json`) stands for the parts it lists; inside a directory, the parts listed by
  /// its manifests replace the other files of the manifests' folders (earlier report versions).
  /// - Parameter paths: Files and directories.
  /// - Returns: The files, each directory's files sorted by path.
  /// - Throws: `ImportError.noInput` for a path that does not exist or holds no file.
  public static func expand(_ paths: [String]) throws(ImportError) -> [String] {
    var files: [String] = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .noInput(path: path)
      }
      guard isDirectory.boolValue else {
        files.append(
          contentsOf: CURManifest.isManifest(path) ? try CURManifest.parts(of: path) : [path]
        )
        continue
      }
      var found: [String] = []
      if let walker = manager.enumerator(atPath: path) {
        while let relative = walker.nextObject() as? String {
          let name = (relative as NSString).lastPathComponent
          guard !name.hasPrefix("."),
            extensions.contains(where: { name.lowercased().hasSuffix($0) })
          else { continue }
          found.append((path as NSString).appendingPathComponent(relative))
        }
      }
      guard !found.isEmpty else { throw .noInput(path: path) }
      files.append(contentsOf: try expandManifests(in: found.sorted()))
    }
    return files
  }

  /// Replaces the manifests among a directory's files by the parts they list, leaving out the
  /// unlisted files of a manifest's folder; the result is sorted and has no duplicates.
  private static func expandManifests(in found: [String]) throws(ImportError) -> [String] {
    let manifests = found.filter(CURManifest.isManifest)
    guard !manifests.isEmpty else { return found }
    var listed = Set<String>()
    for manifest in manifests {
      for part in try CURManifest.parts(of: manifest) {
        listed.insert((part as NSString).standardizingPath)
      }
    }
    let folders = manifests.map { ($0 as NSString).deletingLastPathComponent + "/" }
    var result = listed
    for file in found where !CURManifest.isManifest(file) {
      let path = (file as NSString).standardizingPath
      let covered = folders.contains { file.hasPrefix($0) }
      if !covered { result.insert(path) }
    }
    return result.sorted()
  }

  /// Reads the start of a file: its CSV header, or the first bytes of JSON.
  /// - Parameter path: The file.
  /// - Returns: The sample used for format detection.
  /// - Throws: `ImportError` for an unreadable, empty or malformed file.
  public static func sample(_ path: String) throws(ImportError) -> FileSample {
    let source: any ByteSource
    do {
      source = try ByteSources.open(path: path)
    } catch {
      throw .input(error)
    }
    var prefix = [UInt8](repeating: 0, count: 65_536)
    var filled = 0
    while filled < prefix.count {
      let start = filled
      let result: Result<Int, InputError> = prefix.withUnsafeMutableBytes { buffer in
        do throws(InputError) {
          return .success(
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
          )
        } catch {
          return .failure(error)
        }
      }
      let count: Int
      do {
        count = try result.get()
      } catch {
        throw .input(error)
      }
      if count == 0 { break }
      filled += count
    }
    prefix.removeSubrange(filled...)
    if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { prefix.removeFirst(3) }
    guard let first = prefix.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
      throw .emptyFile(path: path)
    }
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
      let lowered = path.lowercased()
      let kind: FileKind =
        lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".jsonl.gz") ? .jsonl : .json
      return FileSample(path: path, kind: kind, header: [], prefix: prefix)
    }
    let header: [String]
    do {
      let reader = CSVReader(source: try ByteSources.open(path: path))
      guard try reader.nextRecord() else { throw ImportError.emptyFile(path: path) }
      header = reader.strings()
    } catch let error as ImportError {
      throw error
    } catch let error as InputError {
      throw .input(error)
    } catch let error as CSVError {
      throw .csv(path: path, format: nil, error)
    } catch {
      throw .emptyFile(path: path)
    }
    return FileSample(path: path, kind: .csv, header: header, prefix: prefix)
  }
}

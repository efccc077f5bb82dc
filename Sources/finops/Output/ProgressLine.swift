import FinOpsKit
import Foundation

/// A single self-overwriting progress line on stderr, at most four updates a second.
final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private var lastUpdate = Date.distantPast
  private let started = Date()
  private var shown = false

  func update(_ progress: Ingestor.Progress) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard now.timeIntervalSince(lastUpdate) >= 0.25 else { return }
    lastUpdate = now
    let elapsed = max(now.timeIntervalSince(started), 0.001)
    let percent =
      progress.fileBytes > 0
      ? min(100, Int(Double(progress.consumedBytes) * 100 / Double(progress.fileBytes))) : 0
    let name = (progress.path as NSString).lastPathComponent
    let rate = Int(Double(progress.rows) / elapsed)
    let line =
      "\ringest: [\(progress.fileNumber)/\(progress.fileCount)] \(name) \(percent)% "
      + "\(progress.rows) rows, \(rate) rows/s"
    FileHandle.standardError.write(Data(line.utf8))
    shown = true
  }

  func finish() {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}

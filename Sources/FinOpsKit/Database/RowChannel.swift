import Foundation

/// A bounded queue of `RowBatch`es between the parsing thread and the SQLite thread.
///
/// The producer blocks when `capacity` batches wait, so memory stays bounded; the consumer
/// blocks when none waits. Either side can stop the other: the producer by closing (with or
/// without an error), the consumer by cancelling after a database error.
final class RowChannel: @unchecked Sendable {
  private let condition = NSCondition()
  private var queue: [RowBatch] = []
  private var spare: [RowBatch] = []
  private var closed = false
  private var cancelled = false
  private let capacity: Int
  /// The error that stopped the producer, if any.
  private(set) var producerError: (any Error)?

  init(capacity: Int = 3) { self.capacity = capacity }

  /// Hands a full batch to the consumer; `false` when the consumer cancelled.
  func send(_ batch: RowBatch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= capacity && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    queue.append(batch)
    condition.broadcast()
    return true
  }

  /// An empty batch to fill: a recycled one when available.
  func emptyBatch() -> RowBatch {
    condition.lock()
    defer { condition.unlock() }
    if let batch = spare.popLast() { return batch }
    return RowBatch()
  }

  /// The next batch, or `nil` once the producer closed and everything was received.
  func receive() -> RowBatch? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && !closed { condition.wait() }
    guard !queue.isEmpty else { return nil }
    let batch = queue.removeFirst()
    condition.broadcast()
    return batch
  }

  /// Returns a processed batch for reuse.
  func recycle(_ batch: RowBatch) {
    batch.reset()
    condition.lock()
    if spare.count < capacity + 1 { spare.append(batch) }
    condition.unlock()
  }

  /// The producer is done; `error` says why it stopped early.
  func close(error: (any Error)?) {
    condition.lock()
    closed = true
    producerError = error
    condition.broadcast()
    condition.unlock()
  }

  /// The consumer failed: wake and stop the producer.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}

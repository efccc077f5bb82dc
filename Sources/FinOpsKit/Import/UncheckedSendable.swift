/// Carries a value to another thread when the code guarantees, by construction, that only one
/// thread uses it at a time (the ingest pipeline hands its parsing state to one worker thread and
/// waits for it before touching that state again).
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value

  init(_ value: Value) { self.value = value }
}

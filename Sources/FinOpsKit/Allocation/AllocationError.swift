/// Why a month cannot be allocated.
public enum AllocationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Charges are billed in a currency with no configured rate.
  case missingRate(currency: String, reporting: String)
  /// The database failed.
  case store(StoreError)
  /// An amount does not fit the arithmetic.
  case overflow(String)

  /// A compiler-style message with a remedy.
  public var description: String {
    switch self {
    case .missingRate(let currency, let reporting):
      return "error: charges are billed in '\(currency)' but finops.yaml has no rate to "
        + "'\(reporting)'\nnote: add it under 'fx', e.g. 'fx: {\(currency): 1.08}'"
    case .store(let error): return error.description
    case .overflow(let what): return "error: \(what) is too large to allocate"
    }
  }
}

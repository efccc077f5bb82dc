extension FinOpsConfiguration {
  /// Converts an amount of a billing currency into the reporting currency with the configured
  /// rate, rounded half to even to the nano-unit.
  /// - Parameters:
  ///   - amount: Nano-units of `currency`.
  ///   - currency: The billing currency.
  /// - Returns: Nano-units of the reporting currency.
  /// - Throws: `AllocationError.missingRate` when no rate is configured for `currency`.
  func toReportingCurrency(_ amount: Int128, from currency: String) throws(AllocationError)
    -> Int128
  {
    guard currency != self.currency else { return amount }
    guard let rate = fx[currency] else {
      throw .missingRate(currency: currency, reporting: self.currency)
    }
    return ScaledDecimal.round(amount * Int128(rate), scale: 9, places: 0) / 1_000_000_000
  }
}

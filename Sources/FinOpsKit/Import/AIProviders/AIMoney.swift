/// Exact amounts and quantities of AI provider JSON: numbers or numeric strings, read from
/// their text (never through `Double` for money).
enum AIMoney {
  /// Nano-units of an amount given as a JSON number or a numeric string.
  /// - Parameters:
  ///   - node: The value (`0.06`, `"12.50"`, `"123.78912"`).
  ///   - column: Its name, for messages.
  ///   - centsInput: `true` when the value is in cents (Anthropic's cost report): cents times
  ///     10^7 are nano-units of the currency, exactly.
  /// - Returns: The amount in 10^-9 currency units.
  /// - Throws: `RowError` for a missing, null or non-numeric value.
  static func nanos(_ node: LocatedJSONValue?, column: String, centsInput: Bool) throws(RowError)
    -> Int64
  {
    guard let node, !node.isNull else { throw RowError(column: column, reason: "is missing") }
    guard let text = node.decimalText else {
      throw RowError(column: column, value: node.shown, reason: "is not a number:")
    }
    return try nanos(text, column: column, centsInput: centsInput)
  }

  /// The upper-case currency code of a result, which must match the earlier results of the
  /// file (one file, one currency).
  /// - Parameters:
  ///   - code: The code as written (`usd`); `nil` or empty when absent.
  ///   - column: Its name, for messages.
  ///   - fileCurrency: The currency of the earlier results; set from the first one.
  /// - Returns: The code, upper-cased.
  /// - Throws: `RowError` for a missing code or one that differs from the earlier results.
  static func currency(_ code: String?, column: String, fileCurrency: inout String?)
    throws(RowError) -> String
  {
    guard let code, !code.isEmpty else { throw RowError(column: column, reason: "is missing") }
    let upper = code.uppercased()
    if let fileCurrency, fileCurrency != upper {
      throw RowError(
        column: column,
        value: code,
        reason: "mixes currencies: earlier results of this file are in '\(fileCurrency)', not"
      )
    }
    fileCurrency = upper
    return upper
  }

  /// Nano-units of decimal text.
  static func nanos(_ text: String, column: String, centsInput: Bool) throws(RowError) -> Int64 {
    do {
      return try ScaledDecimal.parse(text, scale: ChargeColumn.moneyScale - (centsInput ? 2 : 0))
    } catch .notANumber {
      throw RowError(column: column, value: text, reason: "has non-numeric value")
    } catch {
      throw RowError(column: column, value: text, reason: "is out of range")
    }
  }

  /// A quantity from decimal text.
  static func quantity(_ text: String, column: String) throws(RowError) -> Double {
    var copy = text
    let result: Result<Double, ScaledDecimal.Failure> = copy.withUTF8 { buffer in
      do throws(ScaledDecimal.Failure) {
        return .success(try ScaledDecimal.double(buffer))
      } catch {
        return .failure(error)
      }
    }
    guard case .success(let value) = result else {
      throw RowError(column: column, value: text, reason: "has non-numeric value")
    }
    return value
  }
}

import GRDB

/// Which of a month's charges an allocation reads: all of them, those before a cut-off (a month
/// in progress as of a day), or only the usage charges of a window of days (for a run-rate).
public struct ChargeSelection: Sendable, Equatable {
  /// Only charges whose ChargePeriodStart is at or after this instant (UTC seconds).
  public var startingFrom: Int64?
  /// Only charges whose ChargePeriodStart is before this instant (UTC seconds).
  public var startingBefore: Int64?
  /// Whether only usage-based charges are kept.
  ///
  /// Usage-based means ChargeFrequency `Usage-Based`, or, where an export leaves the frequency
  /// empty, ChargeCategory `Usage`. One-time and recurring fees are left out.
  public var usageOnly: Bool

  /// Creates a selection.
  /// - Parameters:
  ///   - startingFrom: The earliest ChargePeriodStart kept, if any.
  ///   - startingBefore: The ChargePeriodStart cut-off, if any.
  ///   - usageOnly: Whether to keep usage-based charges only.
  public init(startingFrom: Int64? = nil, startingBefore: Int64? = nil, usageOnly: Bool = false) {
    self.startingFrom = startingFrom
    self.startingBefore = startingBefore
    self.usageOnly = usageOnly
  }

  /// Every charge of the month.
  public static let all = ChargeSelection()

  /// The SQL condition on `charge` rows that counts as usage-based.
  static let usageCondition = """
    profileId IN (SELECT id FROM chargeProfile WHERE chargeFrequency = 'Usage-Based'
      OR (chargeFrequency IS NULL AND chargeCategory = 'Usage'))
    """

  /// Extra `AND` conditions on the `charge` table and their arguments.
  var sql: (conditions: String, arguments: [DatabaseValue]) {
    var conditions = ""
    var arguments: [DatabaseValue] = []
    if let startingFrom {
      conditions += " AND chargePeriodStart >= ?"
      arguments.append(startingFrom.databaseValue)
    }
    if let startingBefore {
      conditions += " AND chargePeriodStart < ?"
      arguments.append(startingBefore.databaseValue)
    }
    if usageOnly { conditions += " AND " + Self.usageCondition }
    return (conditions, arguments)
  }
}

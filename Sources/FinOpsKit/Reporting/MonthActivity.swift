import GRDB

/// A month's charges by day: the daily trend and the days each account has data for.
///
/// One pass over the month's charges, grouped by profile and day.
struct MonthActivity {
  /// Total spend per day (index 0 is day 1), in the reporting currency.
  var daily: [Int128]
  /// Coverage by provider and billing account.
  var coverage: [MonthSummary.DataCoverage]

  /// Reads the activity of a month up to a day.
  /// - Parameters:
  ///   - month: The month.
  ///   - lastDay: The last day counted.
  ///   - engine: The engine (for the cost basis and currency conversion).
  ///   - db: A connection inside a read transaction.
  /// - Returns: The daily totals and coverage.
  /// - Throws: `AllocationError` for a currency without a rate or a database failure.
  static func read(
    month: ReportMonth,
    lastDay: Int,
    engine: AllocationEngine,
    db: Database
  ) throws(AllocationError) -> MonthActivity {
    let cost =
      engine.configuration.costBasis == .effective ? "effectiveCostNanos" : "billedCostNanos"
    let sql = """
      SELECT p.providerName, p.billingAccountId, p.billingCurrency, g.day, g.amount, g.charges
      FROM (SELECT profileId, (chargePeriodStart - ?) / 86400 + 1 AS day,
                   SUM(\(cost)) AS amount, COUNT(*) AS charges
            FROM charge WHERE month = ? AND chargePeriodStart < ?
            GROUP BY profileId, day) g
      JOIN chargeProfile p ON p.id = g.profileId
      """
    var daily = [Int128](repeating: 0, count: month.days)
    struct Key: Hashable {
      var provider: String
      var account: String
    }
    var days: [Key: Set<Int>] = [:]
    var charges: [Key: Int64] = [:]
    do {
      let rows = try Row.fetchCursor(
        db,
        sql: sql,
        arguments: [month.start(ofDay: 1), month.key, month.start(ofDay: lastDay + 1)]
      )
      while let row = try rows.next() {
        let key = Key(provider: row[0] ?? "(no provider)", account: row[1] ?? "")
        let currency: String = row[2]
        let day: Int = row[3]
        let amount: Int64 = row[4]
        let count: Int64 = row[5]
        if (1...month.days).contains(day) {
          daily[day - 1] += try engine.convert(Int128(amount), from: currency)
          days[key, default: []].insert(day)
        }
        charges[key, default: 0] += count
      }
    } catch let error as AllocationError {
      throw error
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    let coverage = days.keys.sorted {
      ($0.provider, $0.account) < ($1.provider, $1.account)
    }.map { key in
      let present = days[key] ?? []
      return MonthSummary.DataCoverage(
        provider: key.provider,
        account: key.account,
        days: present.sorted(),
        missingDays: (1...lastDay).filter { !present.contains($0) },
        charges: charges[key] ?? 0
      )
    }
    return MonthActivity(daily: Array(daily.prefix(lastDay)), coverage: coverage)
  }
}

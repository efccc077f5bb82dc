import GRDB

/// The last day of data per provider, billing account and sub-account, for `stale_data`.
///
/// Only charges of daily or finer granularity count (a charge period of at most one day):
/// a monthly fee says nothing about whether yesterday's usage has arrived. Sources with data
/// from the month before through the as-of date's month are considered, so a provider dropped
/// long ago stays quiet, and data after the as-of date does not count. A source is "regular"
/// when it had data on at least 5 of the 7 days up to its last day: only regular sources can be
/// late (an account used now and then is idle, not stale).
enum FreshnessQuery {
  static func lastDays(month: Int, asOfDay: Int, in database: SpendDatabase)
    throws(AllocationError) -> [AlertContext.Freshness]
  {
    var months: [Int] = []
    var current = max(Timestamp.monthKey(Int64(asOfDay) * 86_400), month)
    while current >= AlertMonth.previous(month) {
      months.append(current)
      current = AlertMonth.previous(current)
    }
    let sql = """
      SELECT COALESCE(p.providerName, ''), p.billingAccountId, COALESCE(p.subAccountId, ''),
        c.chargePeriodStart / 86400 AS day
      FROM charge c JOIN chargeProfile p ON p.id = c.profileId
      WHERE c.month IN (\(months.map(String.init).joined(separator: ",")))
        AND c.chargePeriodStart >= 0 AND c.chargePeriodStart < ?
        AND c.chargePeriodEnd - c.chargePeriodStart <= 86400
      GROUP BY 1, 2, 3, 4
      """
    let rows: [Row]
    do {
      rows = try database.writer.read { db in
        try Row.fetchAll(db, sql: sql, arguments: [Int64(asOfDay + 1) * 86_400])
      }
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    var days: [Key: Set<Int>] = [:]
    for row in rows {
      let provider: String = row[0]
      let account: String = row[1]
      let subAccount: String = row[2]
      let day = Int(row[3] as Int64)
      let name = provider.isEmpty ? "unknown provider" : provider
      days[Key(level: .provider, provider: name, id: name), default: []].insert(day)
      days[Key(level: .billingAccount, provider: name, id: account), default: []].insert(day)
      if !subAccount.isEmpty {
        days[Key(level: .subAccount, provider: name, id: subAccount), default: []].insert(day)
      }
    }
    return days.compactMap { key, days in
      guard let last = days.max() else { return nil }
      let recent = days.filter { $0 > last - 7 }.count
      return AlertContext.Freshness(
        level: key.level,
        provider: key.provider,
        id: key.id,
        lastDay: last,
        isRegular: recent >= 5
      )
    }.sorted { $0.subject < $1.subject }
  }

  private struct Key: Hashable {
    var level: AlertContext.Freshness.Level
    var provider: String
    var id: String
  }
}

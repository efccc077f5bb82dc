import GRDB

/// The last day of data per provider, billing account and sub-account, for `stale_data`.
///
/// Only charges of daily or finer granularity count (a charge period of at most one day):
/// a monthly fee says nothing about whether yesterday's usage has arrived. Sources with data
/// from the month before through the as-of date's month are considered, so a provider dropped
/// long ago stays quiet, and data after the as-of date does not count.
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
        MAX(c.chargePeriodStart)
      FROM charge c JOIN chargeProfile p ON p.id = c.profileId
      WHERE c.month IN (\(months.map(String.init).joined(separator: ",")))
        AND c.chargePeriodStart < ? AND c.chargePeriodEnd - c.chargePeriodStart <= 86400
      GROUP BY 1, 2, 3
      """
    let rows: [Row]
    do {
      rows = try database.writer.read { db in
        try Row.fetchAll(db, sql: sql, arguments: [Int64(asOfDay + 1) * 86_400])
      }
    } catch {
      throw .store(.sqlite(reason: SpendDatabase.reason(error)))
    }
    var providers: [String: Int] = [:]
    var accounts: [AccountKey: Int] = [:]
    var subAccounts: [AccountKey: Int] = [:]
    for row in rows {
      let provider: String = row[0]
      let account: String = row[1]
      let subAccount: String = row[2]
      let start: Int64 = row[3]
      let day = Int(start >= 0 ? start / 86_400 : (start - 86_399) / 86_400)
      let name = provider.isEmpty ? "unknown provider" : provider
      providers[name] = max(providers[name] ?? day, day)
      let key = AccountKey(provider: name, id: account)
      accounts[key] = max(accounts[key] ?? day, day)
      if !subAccount.isEmpty {
        let subKey = AccountKey(provider: name, id: subAccount)
        subAccounts[subKey] = max(subAccounts[subKey] ?? day, day)
      }
    }
    var result = providers.map {
      AlertContext.Freshness(level: .provider, provider: $0.key, id: $0.key, lastDay: $0.value)
    }
    result += accounts.map {
      AlertContext.Freshness(
        level: .billingAccount,
        provider: $0.key.provider,
        id: $0.key.id,
        lastDay: $0.value
      )
    }
    result += subAccounts.map {
      AlertContext.Freshness(
        level: .subAccount,
        provider: $0.key.provider,
        id: $0.key.id,
        lastDay: $0.value
      )
    }
    return result.sorted { $0.subject < $1.subject }
  }

  private struct AccountKey: Hashable {
    var provider: String
    var id: String
  }
}

import Testing

@testable import FinOpsKit

/// `stale_data` with `stale_days: 2`, as of 2026-10-20.
struct StaleDataRuleTests {
  static let asOf = AlertMonth.firstDay(202610) + 19

  static func evaluate(_ freshness: [AlertContext.Freshness]) -> [Alert] {
    var context = AlertContext(configuration: FinOpsConfiguration(), month: 202610, asOfDay: asOf)
    context.freshness = freshness
    return StaleDataRule().evaluate(context)
  }

  @Test(arguments: [
    (2, nil as AlertSeverity?),
    (3, .warning),
    (9, .warning),
    // More than stale_days + 7 = 9 days: critical.
    (10, .critical),
  ])
  func aProviderLagging(days: Int, severity: AlertSeverity?) {
    let alerts = Self.evaluate([
      .init(level: .provider, provider: "AWS", id: "AWS", lastDay: Self.asOf - days)
    ])
    #expect(alerts.map(\.severity) == (severity.map { [$0] } ?? []))
    #expect(alerts.first?.value == (severity == nil ? nil : Int128(days) * 1_000_000_000))
    #expect(alerts.first?.subject == (severity == nil ? nil : "provider:AWS"))
  }

  @Test func accountsOfALateProviderAreNotListedOneByOne() {
    let late = Self.asOf - 5
    let alerts = Self.evaluate([
      .init(level: .provider, provider: "AWS", id: "AWS", lastDay: late),
      .init(level: .billingAccount, provider: "AWS", id: "111", lastDay: late),
      .init(level: .subAccount, provider: "AWS", id: "222", lastDay: late),
    ])
    #expect(alerts.map(\.subject) == ["provider:AWS"])
  }

  @Test func aLateAccountOfAFreshProviderIsListed() {
    let alerts = Self.evaluate([
      .init(level: .provider, provider: "Microsoft", id: "Microsoft", lastDay: Self.asOf - 1),
      .init(level: .subAccount, provider: "Microsoft", id: "sub-a", lastDay: Self.asOf - 1),
      .init(level: .subAccount, provider: "Microsoft", id: "sub-b", lastDay: Self.asOf - 4),
    ])
    #expect(alerts.map(\.subject) == ["sub_account:Microsoft/sub-b"])
    #expect(
      alerts.first?.message
        == "sub-account 'sub-b' of Microsoft has no data after 2026-10-16, 4 days before "
        + "2026-10-20 (allowed: 2); check its export and run 'finops ingest'"
    )
  }
}

extension StaleDataRuleTests {
  @Test func anIrregularSourceIsIdleNotLate() {
    let alerts = Self.evaluate([
      .init(level: .provider, provider: "AWS", id: "AWS", lastDay: Self.asOf),
      .init(
        level: .subAccount,
        provider: "AWS",
        id: "rare",
        lastDay: Self.asOf - 12,
        isRegular: false
      ),
      .init(
        level: .provider,
        provider: "Oracle",
        id: "Oracle",
        lastDay: Self.asOf - 9,
        isRegular: false
      ),
    ])
    #expect(alerts.isEmpty)
  }
}

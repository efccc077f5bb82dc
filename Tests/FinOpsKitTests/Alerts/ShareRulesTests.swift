import Testing

@testable import FinOpsKit

/// `innovation_share` and `unallocated`, with hand-computed shares (target 0.10, tolerance
/// 0.02, unallocated maximum 0.10).
struct ShareRulesTests {
  static let usd: Int128 = 1_000_000_000

  static func context(
    total: Int128,
    innovation: Int128 = 0,
    unallocated: Int128 = 0,
    cap: Int64? = nil
  )
    -> AlertContext
  {
    var configuration = FinOpsConfiguration()
    configuration.alerts.innovationCap = cap
    var context = AlertContext(
      configuration: configuration,
      month: 202610,
      asOfDay: AlertMonth.lastDay(202610)
    )
    context.total = total * usd
    context.innovationSpend = innovation * usd
    context.unallocated = unallocated * usd
    return context
  }

  @Test(arguments: [
    // 80 / 1000 = 0.08, exactly the floor (0.10 - 0.02): fine.
    (Int128(80), nil as Int64?, nil as Int128?, 0),
    // 79 / 1000 = 0.079 < 0.08: below; 0.001 past the floor is 0 steps of 0.01.
    (Int128(79), nil, Int128(79_000_000), 0),
    // 50 / 1000 = 0.05: 0.03 past the floor, 3 steps.
    (Int128(50), nil, Int128(50_000_000), 3),
    // 300 / 1000 = 0.30 above a 0.25 cap: 0.05 past it, 5 steps.
    (Int128(300), 250_000_000, Int128(300_000_000), 5),
    (Int128(300), nil, nil, 0),
  ])
  func innovationShare(innovation: Int128, cap: Int64?, share: Int128?, escalation: Int) {
    let alerts = InnovationShareRule().evaluate(
      Self.context(total: 1000, innovation: innovation, cap: cap)
    )
    #expect(alerts.map(\.value) == (share.map { [$0] } ?? []))
    #expect(alerts.first?.escalation == (share == nil ? nil : escalation))
    #expect(alerts.allSatisfy { $0.severity == .warning && $0.subject == "innovation" })
  }

  @Test func belowTargetStatesTheGapInMoney() {
    let alert = InnovationShareRule().evaluate(Self.context(total: 1000, innovation: 50)).first
    // Target 10% of 1000.00 = 100.00; 50.00 spent: 50.00 short.
    #expect(alert?.threshold == 80_000_000)
    #expect(alert?.message.hasSuffix("50.00 USD short of the target") == true)
  }

  @Test func anEmptyMonthRaisesNothing() {
    #expect(InnovationShareRule().evaluate(Self.context(total: 0)).isEmpty)
    #expect(UnallocatedRule().evaluate(Self.context(total: 0)).isEmpty)
  }

  @Test(arguments: [
    (Int128(100_000), nil as AlertSeverity?),
    // 100.001 / 1000 = 0.100001 > 0.10.
    (Int128(100_001), .warning),
    (Int128(199_999), .warning),
    // 200 / 1000 = 0.20, twice the maximum: critical.
    (Int128(200_000), .critical),
  ])
  func unallocated(millis: Int128, severity: AlertSeverity?) {
    var context = Self.context(total: 1000)
    context.unallocated = millis * 1_000_000
    let alerts = UnallocatedRule().evaluate(context)
    #expect(alerts.map(\.severity) == (severity.map { [$0] } ?? []))
    #expect(alerts.first?.value == (severity == nil ? nil : millis * 1_000))
  }
}

import Testing

@testable import FinOpsKit

/// The robust anomaly method: a weekly cycle and a single past outlier do not fire.
///
/// A real spike does. Settings: 4 weeks (3 needed), sensitivity 4, min band 0.25 of the
/// baseline, min amount 10.00.
struct AnomalyTests {
  static let usd: Int128 = 1_000_000_000

  static var settings: FinOpsConfiguration.AnomalySettings {
    var settings = FinOpsConfiguration.AnomalySettings()
    settings.minimumAmount = 10_000_000_000
    return settings
  }

  static func judge(_ value: Int128, _ history: [Int128]) -> AnomalyDetector.Judgement? {
    AnomalyDetector(settings: settings).judge(value * usd, history: history.map { $0 * usd })
  }

  @Test func theBaselineIsTheMedianAndTheSpreadTheScaledMAD() throws {
    // Sorted history 90, 100, 110, 300: median (100 + 110) / 2 = 105. Deviations 15, 5, 5, 195:
    // MAD (5 + 15) / 2 = 10, spread 1.4826 x 10 = 14.826, but at least 0.25 x 105 = 26.25.
    // Normal up to 105 + 4 x 26.25 = 210.
    let judgement = try #require(Self.judge(200, [100, 300, 90, 110]))
    #expect(judgement.baseline == 105 * Self.usd)
    #expect(judgement.spread == 26_250_000_000)
    #expect(judgement.upperBound == 210 * Self.usd)
    #expect(judgement.severity == nil)
    #expect(Self.judge(211, [100, 300, 90, 110])?.severity == .warning)
  }

  @Test func aNoisyHistoryWidensTheBand() throws {
    // Sorted 40, 80, 120, 160: median 100; deviations 60, 20, 20, 60: MAD 40; spread 59.304;
    // normal up to 100 + 4 x 59.304 = 337.216.
    let judgement = try #require(Self.judge(300, [40, 160, 80, 120]))
    #expect(judgement.upperBound == 337_216_000_000)
    #expect(judgement.severity == nil)
  }

  @Test func aSingleOutlierInTheHistoryMovesNothing() throws {
    // Median of 100, 100, 100, 1000 is 100 and the MAD is 0: the outlier is simply outvoted.
    let judgement = try #require(Self.judge(150, [100, 1000, 100, 100]))
    #expect(judgement.baseline == 100 * Self.usd)
    #expect(judgement.upperBound == 200 * Self.usd)
    #expect(judgement.severity == nil)
  }

  @Test func aSpikeOverTheMinimumAmountFires() {
    // Flat 100: band 4 x 25 = 100, so 201 is out; three bands above (400+) is critical.
    #expect(Self.judge(200, [100, 100, 100, 100])?.severity == nil)
    #expect(Self.judge(201, [100, 100, 100, 100])?.severity == .warning)
    #expect(Self.judge(400, [100, 100, 100, 100])?.severity == .warning)
    #expect(Self.judge(401, [100, 100, 100, 100])?.severity == .critical)
  }

  @Test func smallAmountsNeverFire() {
    // 2.00 to 9.00 is far outside the pattern but below the 10.00 minimum.
    #expect(Self.judge(9, [2, 2, 2, 2])?.severity == nil)
    #expect(Self.judge(13, [2, 2, 2, 2])?.severity == .warning)
  }

  @Test func tooLittleHistoryIsNotJudged() {
    #expect(Self.judge(1000, [100, 100]) == nil)
  }

  // MARK: - The rule over daily series

  /// Six weeks before October 2026 and October itself: 100.00 on weekdays, 20.00 on weekends.
  static func weeklyCycle() -> [Int: Int128] {
    var amounts: [Int: Int128] = [:]
    for day in (AlertMonth.firstDay(202610) - 42)...AlertMonth.lastDay(202610) {
      let weekend = ["Saturday", "Sunday"].contains(AlertMonth.weekday(day))
      amounts[day] = (weekend ? 20 : 100) * usd
    }
    return amounts
  }

  static func evaluate(_ amounts: [Int: Int128]) -> [Alert] {
    var configuration = FinOpsConfiguration()
    configuration.alerts.anomaly = settings
    var context = AlertContext(
      configuration: configuration,
      month: 202610,
      asOfDay: AlertMonth.lastDay(202610)
    )
    context.dataDays = (AlertMonth.firstDay(202610) - 42)...AlertMonth.lastDay(202610)
    context.dailySeries = [.init(subject: "service:EC2", label: "service 'EC2'", amounts: amounts)]
    return AnomalyRule().evaluate(context)
  }

  @Test func aWeeklyCycleDoesNotFire() {
    // Monday is five times Sunday every week; a day-over-day rule would fire every Monday.
    #expect(Self.evaluate(Self.weeklyCycle()).isEmpty)
  }

  @Test func aSinglePastOutlierDoesNotFireLaterDays() {
    var amounts = Self.weeklyCycle()
    // A one-off 1000.00 on 2026-09-24 (a Thursday) sits in the history of four October
    // Thursdays; none of them fires.
    amounts[AlertMonth.firstDay(202610) - 7] = 1000 * Self.usd
    #expect(Self.evaluate(amounts).isEmpty)
  }

  @Test func aRealSpikeFiresOnceForItsDay() throws {
    var amounts = Self.weeklyCycle()
    amounts[AlertMonth.firstDay(202610) - 7] = 1000 * Self.usd
    let spike = AlertMonth.firstDay(202610) + 14
    amounts[spike] = 400 * Self.usd
    let alerts = Self.evaluate(amounts)
    #expect(alerts.count == 1)
    let alert = try #require(alerts.first)
    // History of 2026-10-15: 100, 100, 1000, 100 -> median 100, normal up to 200.
    #expect(alert.severity == .warning)
    #expect(alert.value == 400 * Self.usd)
    #expect(alert.threshold == 200 * Self.usd)
    #expect(alert.escalation == 3)
    #expect(
      alert.message
        == "service 'EC2' spent 400.00 USD on 2026-10-15 (Thursday); the median of the previous "
        + "4 Thursdays is 100.00 USD and the normal range ends at 200.00 USD"
    )
  }

  @Test func daysAfterTheAsOfDateAreNotJudged() {
    var amounts = Self.weeklyCycle()
    amounts[AlertMonth.firstDay(202610) + 25] = 5000 * Self.usd
    var configuration = FinOpsConfiguration()
    configuration.alerts.anomaly = Self.settings
    var context = AlertContext(
      configuration: configuration,
      month: 202610,
      asOfDay: AlertMonth.firstDay(202610) + 20
    )
    context.dataDays = (AlertMonth.firstDay(202610) - 42)...AlertMonth.lastDay(202610)
    context.dailySeries = [.init(subject: "service:EC2", label: "EC2", amounts: amounts)]
    #expect(AnomalyRule().evaluate(context).isEmpty)
  }
}

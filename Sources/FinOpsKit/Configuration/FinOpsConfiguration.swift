/// The contents of `finops.yaml`.
///
/// It holds the currency, cost basis, teams, pilots, allocation rules, shared costs and alert
/// thresholds. Money and shares are exact (nano-units, 10^-9).
public struct FinOpsConfiguration: Sendable, Equatable {
  /// Which cost a report counts.
  public enum CostBasis: String, Sendable, Equatable {
    /// Amortized cost (FOCUS EffectiveCost).
    case effective
    /// Invoiced cost (FOCUS BilledCost).
    case billed
  }

  /// A team that owns spend and has a budget.
  public struct Team: Sendable, Equatable {
    /// The id rules refer to.
    public var id: String
    /// A display name.
    public var name: String
    /// The monthly budget in nano-units of the reporting currency.
    public var monthlyBudget: Int64?
    /// Its line in the file.
    public var line: Int?
  }

  /// An AI pilot: an innovation project with its own budget, sponsored by a team.
  public struct Pilot: Sendable, Equatable {
    /// The id rules refer to.
    public var id: String
    /// A display name.
    public var name: String
    /// The sponsoring team.
    public var team: String
    /// The monthly budget in nano-units.
    public var monthlyBudget: Int64?
    /// The lifetime budget from `start`, in nano-units.
    public var totalBudget: Int64?
    /// The first month (`YYYYMM`).
    public var start: Int?
    /// The last month (`YYYYMM`).
    public var end: Int?
    /// Its line in the file.
    public var line: Int?
  }

  /// Who an allocation rule gives a charge to; may hold placeholders such as `{tags.pilot}`.
  public enum RuleTarget: Sendable, Equatable {
    /// A team id (or template).
    case team(String)
    /// A pilot id (or template).
    case pilot(String)
  }

  /// An ordered allocation rule: the first rule that matches a charge owns it.
  public struct Rule: Sendable, Equatable {
    /// The rule's name.
    public var name: String
    /// Its line in the file, for messages and `finops explain`.
    public var line: Int?
    /// The conditions.
    public var when: ChargeMatcher
    /// The owner.
    public var target: RuleTarget
  }

  /// How a shared cost is split.
  public enum Split: Sendable, Equatable {
    /// In equal parts.
    case even
    /// In proportion to each target's directly owned spend in the month.
    case proportional
    /// By fixed weights (nano-units, normalized).
    case fixed([String: Int64])
  }

  /// A shared cost, split among teams instead of owned by one.
  public struct SharedCost: Sendable, Equatable {
    /// The entry's name.
    public var name: String
    /// Its line in the file.
    public var line: Int?
    /// The conditions.
    public var when: ChargeMatcher
    /// The split method.
    public var split: Split
    /// The teams sharing it (every team when not given).
    public var among: [String]
  }

  /// Alert thresholds.
  public struct Alerts: Sendable, Equatable {
    /// Share of a budget that warns (nano-units: 0.8 is 800,000,000).
    public var warning: Int64 = 800_000_000
    /// Share of a budget that is critical.
    public var critical: Int64 = 1_000_000_000
    /// Largest acceptable unallocated share.
    public var unallocatedMax: Int64 = 100_000_000
    /// Where alerts are posted.
    public var webhook: String?
    /// Share of a budget the month-end forecast must reach for a critical `budget_forecast`.
    public var forecastCritical: Int64 = 1_250_000_000
    /// How far (as a share of total spend) innovation may fall below its target.
    public var innovationTolerance: Int64 = 20_000_000
    /// The innovation share above which an alert fires, if any.
    public var innovationCap: Int64?
    /// Days a provider or account may lag behind the as-of date before `stale_data` fires.
    public var staleDays = 2
    /// The growth (as a share of the reference: a budget, a target) that makes a delivered
    /// alert worth sending again.
    public var resendStep: Int64 = 100_000_000
    /// How `anomaly` judges a day's spend.
    public var anomaly = AnomalySettings()
  }

  /// The settings of the `anomaly` alert rule (see the README for the method).
  public struct AnomalySettings: Sendable, Equatable {
    /// How many previous same weekdays form the baseline.
    public var weeks = 4
    /// How many of them must be covered by data for the day to be judged.
    public var minimumWeeks = 3
    /// How many robust deviations above the baseline a day must be (nano-units: 4.0).
    public var sensitivity: Int64 = 4_000_000_000
    /// The smallest excess over the baseline that is worth an alert, in nano-units.
    public var minimumAmount: Int64 = 100_000_000_000
    /// The smallest band, as a share of the baseline, so a perfectly flat history does not
    /// turn every small change into an anomaly.
    public var minimumBandShare: Int64 = 250_000_000
  }

  /// The reporting currency.
  public var currency = "USD"
  /// Rates to the reporting currency: 1 unit of the key currency is this many nano-units.
  public var fx: [String: Int64] = [:]
  /// The cost basis of reports.
  public var costBasis = CostBasis.effective
  /// The innovation target share (nano-units: 0.10 is 100,000,000).
  public var innovationTarget: Int64 = 100_000_000
  /// Teams whose whole spend counts as innovation.
  public var innovationTeams: [String] = []
  /// Whether GPU instances count as AI spend.
  public var countGPUCompute = true
  /// A user AI rule file (`ai.rules`), resolved against the configuration file's folder; its
  /// rules are tried before the built-in ones at ingest.
  public var aiRules: String?
  /// The teams.
  public var teams: [Team] = []
  /// The pilots.
  public var pilots: [Pilot] = []
  /// The ordered rules.
  public var rules: [Rule] = []
  /// The shared costs, checked before the rules.
  public var shared: [SharedCost] = []
  /// Alert settings.
  public var alerts = Alerts()

  /// Creates the default configuration (no teams, no rules: everything unallocated).
  public init() {}
}

/// A month's budget picture: the figures every report (Markdown, CSV, JSON) and the alerts
/// are drawn from.
///
/// Amounts are exact nano-units of the reporting currency (`Int128`). Fields named `reported…`
/// are the same amounts rounded to cents such that the reported teams, pilots and unallocated
/// spend add up exactly to the reported total (largest remainder; see `CentRounding`).
/// Build one with `MonthSummaryBuilder`.
public struct MonthSummary: Sendable {
  /// Where a budget stands, judged on the forecast (the actual spend once the month is over)
  /// against the configured warning and critical thresholds.
  public enum BudgetStatus: String, Sendable {
    /// No budget configured.
    case noBudget = "no budget"
    /// Below the warning threshold.
    case onTrack = "on track"
    /// At or above the warning threshold.
    case warning
    /// At or above the critical threshold.
    case over
  }

  /// A named amount (a category, provider, model, service, account or day).
  public struct Amount: Sendable, Equatable {
    /// What the amount belongs to.
    public var name: String
    /// Nano-units of the reporting currency.
    public var amount: Int128

    /// Creates a named amount.
    /// - Parameters:
    ///   - name: What the amount belongs to.
    ///   - amount: Nano-units.
    public init(name: String, amount: Int128) {
      self.name = name
      self.amount = amount
    }
  }

  /// One team's month.
  public struct TeamLine: Sendable {
    /// The team id.
    public var id: String
    /// Its display name.
    public var name: String
    /// Spend owned directly by rules.
    public var direct: Int128
    /// Its shares of shared costs.
    public var shared: Int128
    /// Direct spend plus shares: what counts against its budget (pilots excluded).
    public var spend: Int128
    /// `spend` rounded to cents so that the report's parts add up to its total.
    public var reportedSpend: Int128
    /// The monthly budget, if any.
    public var budget: Int128?
    /// The forecast for the month (equal to `spend` for a complete month).
    public var forecast: Int128
    /// `forecast` rounded to cents (`reportedSpend` for a complete month, so both agree).
    public var reportedForecast: Int128
    /// Last month's spend.
    public var previousSpend: Int128
    /// The spend of the pilots it sponsors (shown separately, not in `spend`).
    public var pilotSpend: Int128
    /// Whether the team counts as innovation.
    public var isInnovation: Bool
    /// Where its budget stands.
    public var status: BudgetStatus

    /// Forecast minus last month's spend.
    public var change: Int128 { forecast - previousSpend }
  }

  /// One pilot's month and lifetime.
  public struct PilotLine: Sendable {
    /// The pilot id.
    public var id: String
    /// Its display name.
    public var name: String
    /// The sponsoring team.
    public var team: String
    /// This month's spend.
    public var spend: Int128
    /// `spend` rounded to cents so that the report's parts add up to its total.
    public var reportedSpend: Int128
    /// The forecast for the month.
    public var forecast: Int128
    /// `forecast` rounded to cents (`reportedSpend` for a complete month, so both agree).
    public var reportedForecast: Int128
    /// Last month's spend.
    public var previousSpend: Int128
    /// Spend from its start month (or the first month with data) through this month.
    public var lifetimeSpend: Int128
    /// The monthly budget, if any.
    public var monthlyBudget: Int128?
    /// The lifetime budget, if any.
    public var totalBudget: Int128?
    /// The first month, if configured.
    public var start: ReportMonth?
    /// The last month, if configured.
    public var end: ReportMonth?
    /// Months from its start through this month (bounded by its end); months with spend when
    /// no start is configured.
    public var monthsActive: Int
    /// Where its monthly budget stands.
    public var status: BudgetStatus
    /// Where its lifetime budget stands (lifetime spend plus the rest of this month's forecast).
    public var lifetimeStatus: BudgetStatus
    /// Tokens credited to it from AI provider usage reports, when known.
    public var tokens: Int64?
    /// Its spend on token-metered models per 1M of those tokens, when known.
    public var costPerMillionTokens: Int128?
  }

  /// Innovation spend against its target share.
  public struct Innovation: Sendable {
    /// Pilot spend plus the spend of `innovation.teams`.
    public var spend: Int128
    /// `spend / total` in nano-units (1.0 is 1,000,000,000).
    public var share: Int128
    /// The target share in nano-units.
    public var target: Int128
    /// The spend the target asks for: `target × total`.
    public var targetSpend: Int128
    /// How much more innovation spend the target asks for (negative when above target).
    public var gap: Int128
  }

  /// AI spend and its breakdowns.
  public struct AISpend: Sendable {
    /// Total AI spend.
    public var spend: Int128
    /// `spend / total` in nano-units.
    public var share: Int128
    /// By AI category (largest first).
    public var byCategory: [Amount]
    /// By provider (largest first).
    public var byProvider: [Amount]
    /// By model, where known (largest first).
    public var byModel: [Amount]
    /// Why the figures are incomplete, when they are.
    public var note: String?
  }

  /// A provider and account's data, by day, so that a missing export is visible.
  public struct DataCoverage: Sendable, Equatable {
    /// The provider.
    public var provider: String
    /// The billing account.
    public var account: String
    /// Days of the month (1-based) that have charges.
    public var days: [Int]
    /// Days up to the last day counted that have no charges.
    public var missingDays: [Int]
    /// How many charges.
    public var charges: Int64
  }

  /// The largest increase (or decrease) of a service or sub-account from last month.
  public struct Mover: Sendable, Equatable {
    /// `service` or `sub-account`.
    public var kind: String
    /// The service name or `provider sub-account`.
    public var name: String
    /// Spend last month (the same days of it for a month in progress).
    public var previous: Int128
    /// Spend this month.
    public var current: Int128
    /// `current - previous`.
    public var change: Int128 { current - previous }
  }

  /// An unallocated service in a provider's sub-account.
  public struct UnallocatedItem: Sendable, Equatable {
    /// The provider.
    public var provider: String
    /// The sub-account (empty when the export has none).
    public var subAccount: String
    /// The service.
    public var service: String
    /// Nano-units of the reporting currency.
    public var amount: Int128
    /// How many charges.
    public var charges: Int64
  }

  /// The month.
  public var month: ReportMonth
  /// The last day counted for a month in progress (`--as-of`), `nil` for a complete month.
  public var asOfDay: Int?
  /// The reporting currency.
  public var currency: String
  /// The cost basis.
  public var costBasis: FinOpsConfiguration.CostBasis
  /// Total spend (to the as-of day for a month in progress).
  public var total: Int128
  /// `total` rounded to cents.
  public var reportedTotal: Int128
  /// The forecast total (equal to `total` for a complete month).
  public var forecastTotal: Int128
  /// Last month's total.
  public var previousTotal: Int128
  /// Spend no rule claimed.
  public var unallocated: Int128
  /// `unallocated` rounded to cents so that the report's parts add up to its total.
  public var reportedUnallocated: Int128
  /// The forecast of unallocated spend.
  public var unallocatedForecast: Int128
  /// `1 - unallocated / total` in nano-units.
  public var coverage: Int128
  /// Teams in configuration order.
  public var teams: [TeamLine]
  /// Pilots in configuration order.
  public var pilots: [PilotLine]
  /// Innovation against its target.
  public var innovation: Innovation
  /// AI spend.
  public var ai: AISpend
  /// Shared costs and how they were split.
  public var sharedSplits: [MonthAllocation.SharedSplit]
  /// The largest unallocated items, largest first.
  public var unallocatedItems: [UnallocatedItem]
  /// Services and sub-accounts with the largest increases, largest first.
  public var topMovers: [Mover]
  /// Data coverage by provider and billing account.
  public var dataCoverage: [DataCoverage]
  /// Total spend per day of the month (1-based day, amount).
  public var daily: [Amount]
  /// The month's allocation (for per-owner, per-service listings).
  public var allocation: MonthAllocation

  /// Total change from last month: the forecast (the actual once complete) minus last month.
  public var change: Int128 { forecastTotal - previousTotal }
}

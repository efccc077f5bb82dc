/// Everything the alert rules read for one month as of one day, already computed from the
/// charges and the configuration, so that each rule is a pure function of it.
///
/// Money is in nano-units of the reporting currency.
public struct AlertContext: Sendable {
  /// A team's or pilot's spend in the month against its monthly budget.
  public struct BudgetLine: Sendable, Equatable {
    /// The team or pilot.
    public var owner: Owner
    /// Its display name.
    public var name: String
    /// Spend in the month up to the as-of date.
    public var spend: Int128
    /// The month-end forecast, when the month is in progress.
    public var forecast: Int128?
    /// The monthly budget (`nil` when none applies this month).
    public var budget: Int64?

    /// Creates a line.
    /// - Parameters:
    ///   - owner: The team or pilot.
    ///   - name: Its display name.
    ///   - spend: Spend so far.
    ///   - forecast: The month-end forecast.
    ///   - budget: The monthly budget.
    public init(owner: Owner, name: String, spend: Int128, forecast: Int128?, budget: Int64?) {
      self.owner = owner
      self.name = name
      self.spend = spend
      self.forecast = forecast
      self.budget = budget
    }
  }

  /// A pilot's spend from its start month through this month against its lifetime budget.
  public struct PilotLifetime: Sendable, Equatable {
    /// The pilot's id.
    public var id: String
    /// Its display name.
    public var name: String
    /// Spend since the start month.
    public var spend: Int128
    /// The lifetime budget.
    public var totalBudget: Int64

    /// Creates a lifetime line.
    /// - Parameters:
    ///   - id: The pilot's id.
    ///   - name: Its display name.
    ///   - spend: Spend since start.
    ///   - totalBudget: The lifetime budget.
    public init(id: String, name: String, spend: Int128, totalBudget: Int64) {
      self.id = id
      self.name = name
      self.spend = spend
      self.totalBudget = totalBudget
    }
  }

  /// Daily usage-based spend of one team, service or sub-account.
  public struct DailySeries: Sendable, Equatable {
    /// `team:payments`, `service:Amazon EC2`, `sub_account:1234`.
    public var subject: String
    /// A name for messages (`service 'Amazon EC2'`).
    public var label: String
    /// Spend by day (days since 1970-01-01); a day without an entry spent nothing.
    public var amounts: [Int: Int128]

    /// Creates a series.
    /// - Parameters:
    ///   - subject: The subject.
    ///   - label: A name for messages.
    ///   - amounts: Spend by day.
    public init(subject: String, label: String, amounts: [Int: Int128]) {
      self.subject = subject
      self.label = label
      self.amounts = amounts
    }
  }

  /// The last day a provider or account has data for.
  public struct Freshness: Sendable, Equatable {
    /// What is covered.
    public enum Level: String, Sendable, Equatable {
      /// A whole provider.
      case provider
      /// A billing account of a provider.
      case billingAccount = "billing_account"
      /// A sub-account (AWS account, Azure subscription, GCP project).
      case subAccount = "sub_account"
    }

    /// What is covered.
    public var level: Level
    /// The provider's name.
    public var provider: String
    /// The provider, account or sub-account id.
    public var id: String
    /// The last day (days since 1970-01-01) with charges.
    public var lastDay: Int
    /// Whether it had data on at least 5 of the 7 days up to `lastDay` (only regular sources
    /// can be late).
    public var isRegular: Bool

    /// Creates a freshness line.
    /// - Parameters:
    ///   - level: What is covered.
    ///   - provider: The provider's name.
    ///   - id: The id at that level.
    ///   - lastDay: The last day with data.
    ///   - isRegular: Whether it had data on most recent days.
    public init(level: Level, provider: String, id: String, lastDay: Int, isRegular: Bool = true) {
      self.level = level
      self.provider = provider
      self.id = id
      self.lastDay = lastDay
      self.isRegular = isRegular
    }

    /// `provider:AWS`, `billing_account:AWS/123`, `sub_account:AWS/456`.
    public var subject: String {
      level == .provider ? "provider:\(id)" : "\(level.rawValue):\(provider)/\(id)"
    }
  }

  /// The configuration (currency, thresholds, innovation target).
  public var configuration: FinOpsConfiguration
  /// The month (`YYYYMM`).
  public var month: Int
  /// The as-of date, in days since 1970-01-01.
  public var asOfDay: Int
  /// Team and pilot spend against monthly budgets.
  public var budgets: [BudgetLine] = []
  /// Pilot spend against lifetime budgets.
  public var pilotLifetimes: [PilotLifetime] = []
  /// Total spend in the month so far (including unallocated).
  public var total: Int128 = 0
  /// Innovation spend (pilots and innovation teams) in the month so far.
  public var innovationSpend: Int128 = 0
  /// Unallocated spend in the month so far.
  public var unallocated: Int128 = 0
  /// Daily usage-based spend series, for anomalies.
  public var dailySeries: [DailySeries] = []
  /// The first and last day any charge covers, for anomalies (history must have data).
  public var dataDays: ClosedRange<Int>?
  /// The last day of data per provider and account, for staleness.
  public var freshness: [Freshness] = []

  /// Creates a context with nothing measured yet.
  /// - Parameters:
  ///   - configuration: The configuration.
  ///   - month: The month, `YYYYMM`.
  ///   - asOfDay: The as-of date in days since 1970-01-01.
  public init(configuration: FinOpsConfiguration, month: Int, asOfDay: Int) {
    self.configuration = configuration
    self.month = month
    self.asOfDay = asOfDay
  }

  /// The reporting currency as an alert unit.
  public var money: Alert.Unit { .money(currency: configuration.currency) }

  /// Whether the as-of date falls before the month's last day (a forecast means something).
  public var monthInProgress: Bool { asOfDay < AlertMonth.lastDay(month) }
}

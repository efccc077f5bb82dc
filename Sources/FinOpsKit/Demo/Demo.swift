import Foundation

/// `finops demo`: writes realistic sample exports, ingests them into a fresh database, and
/// re-ingests a restated month to show that replacement does not double count.
public enum Demo {
  /// What the demo did.
  public struct Result: Sendable {
    /// The database it wrote.
    public var databasePath: String
    /// Human-readable steps.
    public var log: [String]
    /// The import batches at the end.
    public var batches: [ImportHistory.Batch]
    /// The sample configuration it wrote.
    public var configurationPath: String
    /// The allocation of the last month.
    public var allocation: MonthAllocation
    /// The sample configuration, parsed.
    public var configuration: FinOpsConfiguration
    /// The alerts of the last month, judged as of its last day (no webhook).
    public var alerts: [Alert] = []
    /// The as-of day of `alerts`, in days since 1970-01-01.
    public var alertsAsOfDay = AlertMonth.lastDay(202610)
    /// The report files written for the last month (Markdown and CSV).
    public var reportFiles: [String] = []
  }

  /// The sample `finops.yaml` written next to the demo exports.
  public static let sampleConfiguration = """
    # Sample finops.yaml written by 'finops demo'. Teams, a pilot, ordered rules and a shared cost.
    currency: USD
    cost_basis: effective
    innovation:
      target: 0.10
      teams: [ai-lab]
    teams:
      - {id: payments, name: Payments, monthly_budget: 450000}
      - {id: search, name: Search, monthly_budget: 300000}
      - {id: support, name: Support, monthly_budget: 150000}
      - {id: ai-lab, name: AI Lab, monthly_budget: 250000}
      - {id: platform, name: Platform, monthly_budget: 200000}
    pilots:
      - {id: support-copilot, name: Support Copilot, team: support, monthly_budget: 60000,
         total_budget: 300000, start: 2026-07, end: 2026-12}
    rules:
      - name: bedrock for support
        when: {service_name: Amazon Bedrock, tags: {team: support}}
        pilot: support-copilot
      - name: support copilot on OpenAI and Anthropic
        when: {sub_account_id: [proj_support_copilot, wrkspc_support_copilot]}
        pilot: support-copilot
      - name: AI providers by project
        when: {sub_account_id: [proj_search]}
        team: search
      - name: AI lab projects
        when: {sub_account_id: [proj_ai_lab, wrkspc_ai_lab]}
        team: ai-lab
      - name: default OpenAI project and Anthropic workspace
        when: {provider_name: [OpenAI, Anthropic], sub_account_id: default}
        team: platform
      - name: pilot tag
        when: {tags: {pilot: "*"}}
        pilot: "{tags.pilot}"
      - name: team tag
        when: {tags: {team: "*"}}
        team: "{tags.team}"
    shared:
      - name: tax
        when: {charge_category: Tax}
        split: proportional
    alerts:
      thresholds: {warning: 0.8, critical: 1.0}
      unallocated_max: 0.10
    """

  /// Runs the demo in a directory (created if needed; its demo database is recreated).
  /// - Parameter directory: Where exports and the database go.
  /// - Returns: What was done.
  /// - Throws: `ImportError`, `StoreError` or a file error.
  public static func run(directory: String) throws -> Result {
    let exports = (directory as NSString).appendingPathComponent("exports")
    try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
    let databasePath = (directory as NSString).appendingPathComponent("finops.sqlite")
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: databasePath + suffix)
    }
    var log: [String] = []
    var files: [String] = []
    for (index, month) in [202608, 202609, 202610].enumerated() {
      let path = (exports as NSString).appendingPathComponent("focus-\(month).csv")
      try FOCUSExportGenerator(month: month, seed: UInt64(index + 1)).write(rows: 2_000, to: path)
      files.append(path)
    }
    log.append("wrote \(files.count) FOCUS 1.2 exports to \(exports)")
    let gcpFiles = try GCPBillingExportGenerator.writeDemoMonths(into: exports)
    log.append("wrote \(gcpFiles.count) Google Cloud billing exports (JSON Lines) to \(exports)")
    // OpenAI and Anthropic API pages, saved one file per page, a folder per fetch.
    let providers = (exports as NSString).appendingPathComponent("providers")
    for (index, month) in [202608, 202609, 202610].enumerated() {
      try OpenAIExportGenerator(month: month, seed: UInt64(index + 11))
        .write(to: (providers as NSString).appendingPathComponent("openai"))
      try AnthropicExportGenerator(month: month, seed: UInt64(index + 21))
        .write(to: (providers as NSString).appendingPathComponent("anthropic"))
    }
    log.append("wrote 3 months of OpenAI and Anthropic cost and usage API pages to \(providers)")
    // Azure (MCA) cost details, both views of each month: combined on ingest, never doubled.
    for (index, month) in [202608, 202609, 202610].enumerated() {
      for view in AzureCostExportGenerator.View.allCases {
        let path = (exports as NSString).appendingPathComponent("azure-\(view)-\(month).csv")
        try AzureCostExportGenerator(month: month, seed: UInt64(index + 11)).write(view, to: path)
      }
    }
    log.append("wrote Azure actual and amortized cost details for the same three months")
    // AWS CUR 2.0 (Data Exports): two parts and a manifest per month, a folder per period.
    let cur2 = (exports as NSString).appendingPathComponent("aws-cur2")
    for (index, month) in [202608, 202609, 202610].enumerated() {
      try AWSCUR2ExportGenerator(month: month, seed: UInt64(index + 31)).write(to: cur2)
    }
    log.append("wrote 3 months of AWS CUR 2.0 parts with their manifests to \(cur2)")
    let database = try SpendDatabase(path: databasePath)
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    let first = try ingestor.ingest(IngestOptions(paths: [exports]))
    log.append("ingested \(first.rowCount) rows in batch \(first.batchId ?? 0)")
    let again = try ingestor.ingest(IngestOptions(paths: [exports]))
    log.append(
      "re-ingested the same folder: \(again.batchId == nil ? "nothing changed" : "new batch")"
    )
    // The provider re-delivers October with more rows: the new file replaces the old scope.
    let restated = (exports as NSString).appendingPathComponent("focus-202610.csv")
    try FOCUSExportGenerator(month: 202610, seed: 99).write(rows: 2_500, to: restated)
    let replaced = try ingestor.ingest(IngestOptions(paths: [restated]))
    log.append(
      "re-delivered 2026-10: \(replaced.rowCount) rows replaced "
        + "\(replaced.replacements.map(\.removedRows).reduce(0, +)) earlier rows"
    )
    // OpenAI data is fetched again for Oct 20-31 with revised numbers: only those days change.
    let refetch = (directory as NSString).appendingPathComponent("refetch/openai")
    try? FileManager.default.removeItem(atPath: refetch)
    try OpenAIExportGenerator(month: 202610, seed: 77).write(to: refetch, firstDay: 20)
    let refetched = try ingestor.ingest(IngestOptions(paths: [refetch]))
    log.append(
      "re-fetched OpenAI 2026-10-20..31: \(refetched.replacements.count) day scopes replaced, "
        + "Oct 1-19 kept"
    )
    let configurationPath = (directory as NSString).appendingPathComponent("finops.yaml")
    try sampleConfiguration.write(toFile: configurationPath, atomically: true, encoding: .utf8)
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: sampleConfiguration,
      path: configurationPath
    )
    let allocation = try AllocationEngine(configuration: configuration)
      .allocate(month: 202610, in: database)
    log.append("wrote a sample configuration to \(configurationPath)")
    var result = Result(
      databasePath: databasePath,
      log: log,
      batches: try ImportHistory.batches(in: database),
      configurationPath: configurationPath,
      allocation: allocation,
      configuration: configuration
    )
    result.alerts = AlertRuleRegistry.evaluate(
      try AlertContextLoader(configuration: configuration)
        .load(month: 202610, asOfDay: result.alertsAsOfDay, database: database)
    )
    let report = ReportContext(
      summary: try MonthSummaryBuilder(configuration: configuration)
        .build(month: ReportMonth(202610), database: database),
      configuration: configuration
    )
    for format in [ReportFormat.md, .csv] {
      result.reportFiles += try ReportWriter.write(format, context: report, to: directory).files
    }
    return result
  }
}

import FinOpsTestSupport
import Foundation
import GRDB
import Testing

@testable import FinOpsKit

/// Classification at ingest: stored on the profile, once per profile, visible in `focusCharge`.
struct AIIngestClassificationTests {
  private struct Classified: Hashable {
    var service: String
    var category: String?
    var accelerators: Double?
    var model: String?
    var rows: Int
  }

  private func classified(_ database: SpendDatabase) throws -> [Classified] {
    try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT serviceName, aiCategory, acceleratorCount, acceleratorModel, COUNT(*)
          FROM focusCharge GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4
          """
      ).map {
        Classified(service: $0[0], category: $0[1], accelerators: $0[2], model: $0[3], rows: $0[4])
      }
    }
  }

  /// The FOCUS sample's AI and GPU rows: eight g5.4xlarge hours (one A10G each) and nine
  /// Azure Machine Learning workspace charges.
  @Test(.enabled(if: Fixtures.sharedSamples != nil))
  func classifiesTheRealFOCUSSampleAIAndGPURows() throws {
    let path = try #require(Fixtures.sharedSamples)
      .appendingPathComponent("ai/focus/focus_1.0_sample_ai_and_gpu_rows.csv").path
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(
      try classified(database) == [
        Classified(
          service: "Amazon Elastic Compute Cloud",
          category: "gpu-compute",
          accelerators: 1,
          model: "NVIDIA A10G",
          rows: 8
        ),
        Classified(
          service: "Azure Machine Learning",
          category: "ml-platform",
          accelerators: nil,
          model: nil,
          rows: 9
        ),
      ]
    )
  }

  /// In the 1,000-row sample only the GPU instances (g3, g5) and the Azure Machine Learning
  /// workspace are AI; nothing else is.
  @Test(.enabled(if: Fixtures.sharedSamples != nil))
  func leavesTheOrdinaryRowsOfTheRealSampleAlone() throws {
    let path = try #require(Fixtures.sharedSamples)
      .appendingPathComponent("ai/focus/focus_1.0_sample_1000rows.csv").path
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    #expect(
      try classified(database).filter { $0.category != nil } == [
        Classified(
          service: "Amazon Elastic Compute Cloud",
          category: "gpu-compute",
          accelerators: 1,
          model: "NVIDIA A10G",
          rows: 8
        ),
        Classified(
          service: "Amazon Elastic Compute Cloud",
          category: "gpu-compute",
          accelerators: 1,
          model: "NVIDIA M60",
          rows: 2
        ),
        Classified(
          service: "Azure Machine Learning",
          category: "ml-platform",
          accelerators: nil,
          model: nil,
          rows: 9
        ),
      ]
    )
    let notAI = try database.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM focusCharge WHERE aiCategory IS NULL")
    }
    #expect(notAI == 1_000 - 19)
  }

  @Test func theBedrockFixtureIsGenerativeAI() throws {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn()).ingest(
      IngestOptions(paths: [Fixtures.path("importers/focus/focus-1.2-aws-style.csv")])
    )
    let categories = try database.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT DISTINCT serviceName, aiCategory FROM focusCharge")
    }
    let bedrock = categories.filter { ($0[0] as String?) == "Amazon Bedrock" }
    #expect(!bedrock.isEmpty)
    #expect(bedrock.allSatisfy { ($0[1] as String?) == "genai-api" })
  }

  /// The native importers' fixtures: CUR usage types, Azure cost details meters.
  @Test(arguments: [
    ("aws-cur/aws-cur-usage-tags.csv", "gpu-compute", "NVIDIA A100 40GB"),
    ("aws-cur-2/aws-cur-2-usage-tags.csv", "gpu-compute", "NVIDIA A100 40GB"),
    ("azure-cost-details/mca-actual-camel-case.csv", "gpu-compute", "NVIDIA A100 80GB"),
    ("azure-cost-details/mca-actual-camel-case.csv", "genai-api", nil),
  ])
  func classifiesTheNativeImporterFixtures(fixture: String, category: String, model: String?)
    throws
  {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [Fixtures.path("importers/\(fixture)")]))
    let models = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT DISTINCT acceleratorModel FROM focusCharge WHERE aiCategory = ?",
        arguments: [category]
      ).map { $0[0] as String? }
    }
    #expect(models.contains(model), "\(models)")
  }

  @Test func aUserRuleFileGivenToTheIngestorOverridesTheBuiltIns() throws {
    let folder = TemporaryDirectory()
    let export = folder.path("gpu.csv")
    let rows = [
      TinyFOCUS.row(cost: "1.624", service: "Amazon Elastic Compute Cloud", subAccount: "render"),
      TinyFOCUS.row(cost: "1.624", service: "Amazon Elastic Compute Cloud", subAccount: "ml"),
    ].map { $0.replacingOccurrences(of: "Amazon Elastic Compute Cloud, usage", with: "g5.xlarge") }
    try TinyFOCUS.file(rows).write(toFile: export, atomically: true, encoding: .utf8)
    let database = try SpendDatabase.inMemory()
    let ingestor = Ingestor(database: database, registry: try ImporterRegistry.builtIn())
    ingestor.aiClassifier = try AIClassifier.builtIn(
      adding: try AIRuleFile.parse(
        yaml: """
          rules:
            - id: render-farm
              category: none
              when: {sub_account_id: render}
          """,
        path: "user.yaml"
      )
    )
    _ = try ingestor.ingest(IngestOptions(paths: [export]))
    let categories = try database.writer.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT subAccountId, aiCategory FROM focusCharge ORDER BY subAccountId"
      ).map { "\($0[0] as String)=\(($0[1] as String?) ?? "-")" }
    }
    #expect(categories == ["ml=gpu-compute", "render=-"])
  }

  /// The rules run once per distinct profile: a thousand charges of one profile are one
  /// classification, and the classifier's cache is shared by profiles that differ elsewhere.
  @Test func classifiesOncePerProfile() throws {
    let folder = TemporaryDirectory()
    let export = folder.path("many.csv")
    var rows: [String] = []
    for index in 0..<1_000 {
      rows.append(
        TinyFOCUS.row(
          cost: "0.01",
          day: String(format: "%02d", index % 28 + 1),
          subAccount: "s\(index % 3)"
        )
      )
    }
    try TinyFOCUS.file(rows).write(toFile: export, atomically: true, encoding: .utf8)
    let database = try SpendDatabase.inMemory()
    let report = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [export]))
    let profiles = try database.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chargeProfile")
    }
    #expect(report.rowCount == 1_000)
    #expect(profiles == 3)
  }

  @Test func reclassifyingAfterARulesChangeUpdatesOnlyWhatChanged() throws {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn()).ingest(
      IngestOptions(paths: [Fixtures.path("importers/focus/focus-1.2-aws-style.csv")])
    )
    let unchanged = try database.writer.write { db in
      try AIClassifier.reclassify(db, with: AIClassifier.standard())
    }
    #expect(unchanged == 0)
    let rules = try AIRuleFile.parse(
      yaml: "rules:\n  - {id: no-bedrock, category: none, when: {service_name: Amazon Bedrock}}\n",
      path: "user.yaml"
    )
    let changed = try database.writer.write { db in
      try AIClassifier.reclassify(db, with: AIClassifier.builtIn(adding: rules))
    }
    #expect(changed > 0)
    let remaining = try database.writer.read { db in
      try Int.fetchOne(
        db,
        sql:
          "SELECT COUNT(*) FROM focusCharge WHERE serviceName = 'Amazon Bedrock' AND aiCategory IS NOT NULL"
      )
    }
    #expect(remaining == 0)
  }

  /// A database written before the AI columns existed is classified by the migration.
  @Test func theMigrationClassifiesChargesImportedBefore() throws {
    let queue = try DatabaseQueue()
    try SpendDatabase.migrator.migrate(queue, upTo: "v1-charge")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO chargeProfile (id, scopeId, billingAccountId, billingCurrency,
            billingPeriodStart, billingPeriodEnd, providerName, serviceName, chargeDescription)
          VALUES (1, 1, 'a', 'USD', 0, 86400, 'AWS', 'Amazon Elastic Compute Cloud',
            '$32.77 per On Demand Linux p4d.24xlarge Instance Hour'),
          (2, 1, 'a', 'USD', 0, 86400, 'AWS', 'AWS Lambda', 'requests');
          INSERT INTO charge (scopeId, fileId, sourceLine, month, profileId, chargePeriodStart,
            chargePeriodEnd, billedCostNanos, effectiveCostNanos, consumedQuantity)
          VALUES (1, 1, 2, 197001, 1, 0, 3600, 32770000000, 32770000000, 1),
          (1, 1, 3, 197001, 2, 0, 3600, 1000000, 1000000, 5);
          """
      )
    }
    try SpendDatabase.migrator.migrate(queue)
    let rows = try queue.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT aiCategory, acceleratorCount, acceleratorModel FROM focusCharge ORDER BY id"
      )
    }
    #expect(rows.count == 2)
    #expect(rows[0][0] as String? == "gpu-compute")
    #expect(rows[0][1] as Double? == 8)
    #expect(rows[0][2] as String? == "NVIDIA A100 40GB")
    #expect(rows[1][0] as String? == nil)
  }
}

import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// A worked multi-team month whose expected totals are computed by hand below.
struct AllocationEngineTests {
  static let configuration = """
    currency: USD
    fx: {EUR: 1.10}
    teams:
      - {id: payments, monthly_budget: 1000}
      - {id: search}
      - {id: support}
      - {id: ai-lab}
    pilots:
      - {id: support-copilot, team: support}
    rules:
      - name: pilot tag
        when: {tags: {pilot: "*"}}
        pilot: "{tags.pilot}"
      - name: payments accounts
        when: {sub_account_id: ["111", "444"]}
        team: payments
      - name: team tag
        when: {tags: {team: "*"}}
        team: "{tags.team}"
    shared:
      - name: tax
        when: {charge_category: Tax}
        split: proportional
        among: [payments, search, support]
    """

  static func tags(_ pairs: [(String, String)]) -> String {
    "{" + pairs.map { "\"\"\($0.0)\"\":\"\"\($0.1)\"\"" }.joined(separator: ",") + "}"
  }

  private func allocate(
    _ rows: [String],
    configuration yaml: String = configuration
  ) throws -> MonthAllocation {
    let folder = TemporaryDirectory()
    let path = folder.write("oct.csv", TinyFOCUS.file(rows))
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    let (configuration, _) = try ConfigurationLoader.parse(yaml: yaml, path: "finops.yaml")
    return try AllocationEngine(configuration: configuration).allocate(month: 202610, in: database)
  }

  static let month: [String] = [
    // a. payments by account: 100.00
    TinyFOCUS.row(cost: "100.00", subAccount: "111", tags: ""),
    // b. search by tag: 50.00
    TinyFOCUS.row(cost: "50.00", subAccount: "222", tags: tags([("team", "search")])),
    // c. the pilot by tag: 30.00
    TinyFOCUS.row(
      cost: "30.00",
      service: "Amazon Bedrock",
      subAccount: "222",
      tags: tags([("pilot", "support-copilot")])
    ),
    // d. an unknown pilot falls through to the team tag: support 20.00
    TinyFOCUS.row(
      cost: "20.00",
      subAccount: "222",
      tags: tags([("pilot", "nope"), ("team", "support")])
    ),
    // e. nobody: 7.00 unallocated
    TinyFOCUS.row(cost: "7.00", subAccount: "333", tags: ""),
    // f. tax, shared in proportion to direct spend: 15.00
    TinyFOCUS.row(cost: "15.00", service: "Tax", category: "Tax", subAccount: "111", tags: ""),
    // g. EUR 10.00 at 1.10 = USD 11.00, payments by account
    TinyFOCUS.row(cost: "10.00", account: "acct-eu", currency: "EUR", subAccount: "444", tags: ""),
  ]

  @Test func aWorkedMonthAddsUpToTheCent() throws {
    let allocation = try allocate(Self.month)
    // Direct: payments 100 + 11 = 111, search 50, support 20, pilot 30, unallocated 7.
    #expect(allocation.direct[.team("payments")] == 111_000_000_000)
    #expect(allocation.direct[.team("search")] == 50_000_000_000)
    #expect(allocation.direct[.team("support")] == 20_000_000_000)
    #expect(allocation.direct[.pilot("support-copilot")] == 30_000_000_000)
    // Tax 15.00 by weights 111:50:20 (of 181), in nano-units:
    //   payments 15e9*111/181 = 9,198,895,027.62 -> floor 9,198,895,027
    //   search   15e9*50/181  = 4,143,646,408.83 -> floor 4,143,646,408
    //   support  15e9*20/181  = 1,657,458,563.54 -> floor 1,657,458,563
    // The floors add to 14,999,999,998; the 2 units left go to the largest remainders
    // (search .83, payments .62).
    let split = try #require(allocation.sharedSplits.first)
    #expect(split.shares.map(\.amount) == [9_198_895_028, 4_143_646_409, 1_657_458_563])
    #expect(allocation.byOwner[.team("payments")] == 120_198_895_028)
    #expect(allocation.byOwner[.team("search")] == 54_143_646_409)
    #expect(allocation.byOwner[.team("support")] == 21_657_458_563)
    #expect(allocation.byOwner[.pilot("support-copilot")] == 30_000_000_000)
    #expect(allocation.unallocated == 7_000_000_000)
    #expect(allocation.total == 233_000_000_000)
    #expect(allocation.byOwner.values.reduce(0, +) == allocation.total)
    // Coverage = 226 / 233 = 0.969957081...
    #expect(allocation.coverage == 969_957_081)
  }

  @Test func rulesRunOncePerDistinctCombinationOfWhatTheyRead() throws {
    // 40 charges in 40 services (so 40 profiles), but the rules only read the sub-account, the
    // category and tags, which are the same for all of them.
    let rows = (0..<40).map {
      TinyFOCUS.row(cost: "1.00", service: "Service \($0)", subAccount: "111", tags: "")
    }
    let allocation = try allocate(rows)
    #expect(allocation.groups.count == 40)
    #expect(allocation.ruleEvaluations == 1)
    #expect(allocation.byOwner[.team("payments")] == 40_000_000_000)
  }

  @Test func theSameConfigurationAndDataAlwaysGiveTheSameAnswer() throws {
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: Self.configuration,
      path: "finops.yaml"
    )
    let first = try allocate(Self.month)
    let second = try allocate(Self.month)
    #expect(first.byOwner == second.byOwner)
    #expect(
      AllocationListing.text(first, configuration: configuration)
        == AllocationListing.text(second, configuration: configuration)
    )
  }

  @Test func theListingMatchesItsGoldenFile() throws {
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: Self.configuration,
      path: "finops.yaml"
    )
    let text = AllocationListing.text(try allocate(Self.month), configuration: configuration)
    let outcome = GoldenFile.compare(
      text + "\n",
      path: Fixtures.path("golden/allocation-listing/worked-month.txt")
    )
    #expect(outcome == .matches, "\(outcome)")
  }

  @Test func listsTheResourcesBehindUnallocatedSpend() throws {
    let folder = TemporaryDirectory()
    let path = folder.write("oct.csv", TinyFOCUS.file(Self.month))
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [path]))
    let (configuration, _) = try ConfigurationLoader.parse(
      yaml: Self.configuration,
      path: "finops.yaml"
    )
    let allocation = try AllocationEngine(configuration: configuration)
      .allocate(month: 202610, in: database)
    let items = try UnallocatedResources.largest(in: allocation, database: database)
    #expect(items == [.init(resourceId: "(no resource)", amount: 7_000_000_000, charges: 1)])
  }

  @Test func billedBasisAndEvenAndFixedSplits() throws {
    let rows = [
      TinyFOCUS.row(cost: "10.00", effective: "4.00", subAccount: "111", tags: ""),
      TinyFOCUS.row(cost: "1.00", category: "Tax", subAccount: "111", tags: ""),
    ]
    let billed = Self.configuration.replacingOccurrences(
      of: "currency: USD",
      with: "currency: USD\ncost_basis: billed"
    )
    #expect(try allocate(rows, configuration: billed).direct[.team("payments")] == 10_000_000_000)
    #expect(try allocate(rows).direct[.team("payments")] == 4_000_000_000)
    let even = Self.configuration.replacingOccurrences(
      of: "split: proportional",
      with: "split: even"
    )
    #expect(
      try allocate(rows, configuration: even).sharedSplits.first?.shares.map(\.amount) == [
        333_333_334, 333_333_333, 333_333_333,
      ]
    )
    let fixed = Self.configuration.replacingOccurrences(
      of: "split: proportional",
      with: "split: fixed\n    weights: {payments: 0.5, search: 0.5}"
    )
    #expect(
      try allocate(rows, configuration: fixed).sharedSplits.first?.shares.map(\.amount) == [
        500_000_000, 500_000_000, 0,
      ]
    )
  }

  @Test func proportionalSplitsFallBackToEvenWhenNoTargetHasDirectSpend() throws {
    let rows = [
      TinyFOCUS.row(cost: "-5.00", category: "Credit", subAccount: "111", tags: ""),
      TinyFOCUS.row(cost: "3.00", category: "Tax", subAccount: "111", tags: ""),
    ]
    let allocation = try allocate(rows)
    // payments' direct spend is a credit (-5): it weighs zero like the others, so tax splits evenly.
    #expect(
      allocation.sharedSplits.first?.shares.map(\.amount) == [
        1_000_000_000, 1_000_000_000, 1_000_000_000,
      ]
    )
    #expect(allocation.byOwner.values.reduce(0, +) == allocation.total)
  }

  @Test func aCurrencyWithoutARateIsAnErrorNamingIt() throws {
    #expect {
      try allocate([TinyFOCUS.row(cost: "1.00", currency: "JPY", subAccount: "111", tags: "")])
    } throws: { error in
      "\(error)".contains("charges are billed in 'JPY' but finops.yaml has no rate to 'USD'")
    }
  }

  @Test func aChangedConfigurationGivesTheNewAnswer() throws {
    let rows = [TinyFOCUS.row(cost: "7.00", subAccount: "333", tags: "")]
    #expect(try allocate(rows).unallocated == 7_000_000_000)
    let claimed = Self.configuration.replacingOccurrences(
      of: "[\"111\", \"444\"]",
      with: "[\"111\", \"333\", \"444\"]"
    )
    let allocation = try allocate(rows, configuration: claimed)
    #expect(allocation.unallocated == 0)
    #expect(allocation.byOwner[.team("payments")] == 7_000_000_000)
  }
}

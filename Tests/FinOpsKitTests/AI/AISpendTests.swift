import FinOpsTestSupport
import Foundation
import Testing

@testable import FinOpsKit

/// `AISpend` on `Fixtures/ai/ai-spend-month.csv`: Bedrock tokens, EC2 g5.12xlarge (4 x A10G),
/// SageMaker ml.p4d.24xlarge (8 x A100), an Azure NC24ads A100 v4 VM and Azure OpenAI billed in
/// EUR, a Google Cloud H100 GPU SKU metered in seconds, Gemini tokens, an A3 host core SKU
/// (GPU compute without GPU-hours) and two charges that are not AI (m5.large, E2 core).
struct AISpendTests {
  private static let nanos: Int128 = 1_000_000_000

  private func database() throws -> SpendDatabase {
    let database = try SpendDatabase.inMemory()
    _ = try Ingestor(database: database, registry: try ImporterRegistry.builtIn())
      .ingest(IngestOptions(paths: [Fixtures.path("ai/ai-spend-month.csv")]))
    return database
  }

  private func configuration(
    basis: FinOpsConfiguration.CostBasis = .effective,
    countGPU: Bool = true
  ) -> FinOpsConfiguration {
    var configuration = FinOpsConfiguration()
    configuration.fx = ["EUR": 1_100_000_000]
    configuration.costBasis = basis
    configuration.countGPUCompute = countGPU
    return configuration
  }

  /// Dollars and cents as nano-units: `money(270, 33)` is 270.33.
  private func money(_ units: Int128, _ cents: Int128, halfCent: Bool = false) -> Int128 {
    units * Self.nanos + cents * 10_000_000 + (halfCent ? 5_000_000 : 0)
  }

  @Test func totalsAreExactInTheReportingCurrency() throws {
    let spend = try AISpend.compute(
      month: 202_610,
      configuration: configuration(),
      database: try database()
    )
    // 3.00 + 4.50 + 50.00 (g5 effective) + 14.18 + 65.54 + 18.35 EUR x 1.1 + 1.25 EUR x 1.1
    // + 98.80 + 0.75 + 12.00 = 270.33; with m5.large 2.30 and the E2 core 1.00, 273.63.
    #expect(spend.total == money(270, 33))
    #expect(spend.monthTotal == money(273, 63))
    #expect(spend.byProvider.map(\.name) == ["AWS", "Google Cloud", "Microsoft"])
    #expect(spend.byProvider.map(\.amount) == [money(137, 22), money(111, 55), money(21, 56)])
    #expect(spend.byCategory.map(\.name) == ["genai-api", "ml-platform", "gpu-compute"])
    // genai: 3.00 + 4.50 + 1.375 + 0.75; GPU: 50.00 + 14.18 + 20.185 + 98.80 + 12.00.
    #expect(
      spend.byCategory.map(\.amount) == [
        money(9, 62, halfCent: true), money(65, 54), money(195, 16, halfCent: true),
      ]
    )
    #expect(spend.byModel.reduce(0) { $0 + $1.amount } == spend.total)
    #expect(spend.bySubAccount.reduce(0) { $0 + $1.amount } == spend.total)
    #expect(spend.bySubAccount.first?.name == "333344445555")
    #expect(spend.bySubAccount.first?.detail == "ai-lab")
    #expect(spend.gpuSpendWithoutHours == money(12, 0))
    #expect(spend.uncountedGPUCompute == 0)
    #expect(spend.share == 987_939_919)  // 270.33 / 273.63 = 0.98793991887...
  }

  @Test func gpuHoursAreInstanceHoursTimesAccelerators() throws {
    let spend = try AISpend.compute(
      month: 202_610,
      configuration: configuration(),
      database: try database()
    )
    let lines = Dictionary(uniqueKeysWithValues: spend.gpu.map { ($0.accelerator, $0) })
    // g5.12xlarge: (10 + 2.5) hours x 4 A10G.
    #expect(lines["NVIDIA A10G"]?.gpuHours == 50)
    #expect(lines["NVIDIA A10G"]?.amount == money(64, 18))
    #expect(lines["NVIDIA A10G"]?.costPerGPUHour == 1_283_600_000)
    // ml.p4d.24xlarge: 2 hours x 8 A100, under SageMaker.
    #expect(lines["NVIDIA A100 40GB"]?.gpuHours == 16)
    #expect(lines["NVIDIA A100 40GB"]?.category == .mlPlatform)
    #expect(lines["NVIDIA A100 40GB"]?.costPerGPUHour == 4_096_250_000)
    // NC24ads A100 v4: 5 hours x 1, 18.35 EUR = 20.185 USD.
    #expect(lines["NVIDIA A100 80GB"]?.gpuHours == 5)
    #expect(lines["NVIDIA A100 80GB"]?.costPerGPUHour == 4_037_000_000)
    // The H100 SKU is metered in seconds: 36,000 s is 10 GPU-hours.
    #expect(lines["NVIDIA H100 80GB"]?.gpuHours == 10)
    #expect(lines["NVIDIA H100 80GB"]?.costPerGPUHour == 9_880_000_000)
    #expect(spend.gpu.count == 4)
  }

  @Test func gpuComputeCanBeLeftOutOfAISpend() throws {
    let spend = try AISpend.compute(
      month: 202_610,
      configuration: configuration(countGPU: false),
      database: try database()
    )
    // Bedrock 7.50 + SageMaker 65.54 + Azure OpenAI 1.375 + Gemini 0.75.
    #expect(spend.total == money(75, 16, halfCent: true))
    #expect(spend.uncountedGPUCompute == money(195, 16, halfCent: true))
    #expect(!spend.byCategory.contains { $0.name == "gpu-compute" })
    // GPU-hours are still shown, SageMaker's among them.
    #expect(spend.gpu.count == 4)
  }

  @Test func theBilledBasisReadsBilledCost() throws {
    let spend = try AISpend.compute(
      month: 202_610,
      configuration: configuration(basis: .billed),
      database: try database()
    )
    #expect(spend.total == money(277, 5))
    let a10g = try #require(spend.gpu.first { $0.accelerator == "NVIDIA A10G" })
    #expect(a10g.amount == money(70, 90))
    #expect(a10g.costPerGPUHour == 1_418_000_000)
  }

  @Test func aBillingCurrencyWithoutARateIsAnError() throws {
    var configuration = configuration()
    configuration.fx = [:]
    #expect(throws: AllocationError.missingRate(currency: "EUR", reporting: "USD")) {
      try AISpend.compute(month: 202_610, configuration: configuration, database: try database())
    }
  }

  @Test func aMonthWithoutChargesIsEmpty() throws {
    let spend = try AISpend.compute(
      month: 202_611,
      configuration: configuration(),
      database: try database()
    )
    #expect(spend.total == 0)
    #expect(spend.share == nil)
    #expect(spend.byProvider.isEmpty && spend.gpu.isEmpty)
    #expect(AISpendListing.text(spend).contains("by provider\n(none)"))
  }

  @Test func roundedLinesAddUpToTheRoundedTotal() throws {
    let spend = try AISpend.compute(
      month: 202_610,
      configuration: configuration(),
      database: try database()
    )
    let text = AISpendListing.text(spend)
    #expect(text.hasPrefix("AI spend of 2026-10 (effective cost, USD): 270.33 of 273.63 (98.8%)"))
    // 1.375 and 20.185 each round to an even cent, and the section still adds up to 270.33.
    let models = AISpendListing.sections(spend)[2]
    let amounts = models.text.split(separator: "\n").dropFirst().compactMap { line in
      line.split(separator: " ").reversed().dropFirst(2).first.map(String.init)
    }
    let cents = amounts.compactMap { try? ScaledDecimal.parse($0, scale: 2) }.reduce(0, +)
    #expect(cents == 27_033)
  }
}

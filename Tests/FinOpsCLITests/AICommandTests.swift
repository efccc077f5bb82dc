import FinOpsTestSupport
import Foundation
import Testing

/// `finops ai` end to end on the built binary, with `Fixtures/ai/ai-spend-month.csv`.
struct AICommandTests {
  private func ingested(_ folder: TemporaryDirectory) throws {
    let fixture = Fixtures.path("ai/ai-spend-month.csv")
    let result = try CommandRunner.run(["ingest", "--db", "f.sqlite", fixture], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    try "currency: USD\nfx:\n  EUR: 1.10\nai:\n  count_gpu_compute: true\n"
      .write(toFile: folder.path("finops.yaml"), atomically: true, encoding: .utf8)
  }

  @Test func printsTheMonthAsJSONMatchingTheGoldenFile() throws {
    let folder = TemporaryDirectory()
    try ingested(folder)
    let result = try CommandRunner.run(
      ["ai", "--month", "2026-10", "--format", "json", "--db", "f.sqlite"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
    let outcome = GoldenFile.compare(
      result.stdout,
      path: Fixtures.path("golden/ai-spend/ai-spend-month.json")
    )
    #expect(outcome == .matches, "\(outcome)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let json = try #require(object as? [String: Any])
    #expect(json["total"] as? String == "270.33")
  }

  @Test func printsTextSectionsInOrder() throws {
    let folder = TemporaryDirectory()
    try ingested(folder)
    let result = try CommandRunner.run(
      ["ai", "--month", "2026-10", "--db", "f.sqlite"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout
    #expect(text.hasPrefix("AI spend of 2026-10 (effective cost, USD): 270.33 of 273.63 (98.8%)"))
    let titles = [
      "\nby provider\n", "\nby category\n", "\nby model\n", "\nby sub-account\n",
      "\nGPU-hours\n",
    ]
    let positions = titles.compactMap { text.range(of: $0)?.lowerBound }
    #expect(positions.count == titles.count)
    #expect(positions == positions.sorted())
    #expect(text.contains("NVIDIA A10G"))
    #expect(text.contains("note: 12.00 of GPU compute has no GPU-hours"))
  }

  @Test func gpuComputeLeftOutByTheConfiguration() throws {
    let folder = TemporaryDirectory()
    try ingested(folder)
    try "fx:\n  EUR: 1.10\nai:\n  count_gpu_compute: false\n"
      .write(toFile: folder.path("no-gpu.yaml"), atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(
      ["ai", "--month", "2026-10", "--db", "f.sqlite", "--config", "no-gpu.yaml"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("USD): 75.16 of 273.63"))
    #expect(result.stdout.contains("GPU compute not counted"))
    #expect(result.stdout.contains("note: 195.16 of GPU compute is left out"))
  }

  @Test(arguments: [
    (["ai", "--month", "2026-13"], Int32(64), "--month must look like"),
    (["ai"], Int32(64), "--month"),
    (["ai", "--month", "2026-10", "--config", "missing.yaml"], Int32(65), "missing.yaml"),
    (["ai", "--month", "2026-10", "--config", "no-fx.yaml"], Int32(65), "EUR"),
  ])
  func reportsUsageAndDataErrors(arguments: [String], status: Int32, message: String) throws {
    let folder = TemporaryDirectory()
    try ingested(folder)
    try "currency: USD\n".write(
      toFile: folder.path("no-fx.yaml"),
      atomically: true,
      encoding: .utf8
    )
    let result = try CommandRunner.run(arguments + ["--db", "f.sqlite"], in: folder.url)
    #expect(result.status == status)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func ingestTakesAUserRuleFile() throws {
    let folder = TemporaryDirectory()
    try """
    rules:
      - id: gcp-gpus-are-rendering
        category: none
        when: {provider_name: Google Cloud, service_name: Compute Engine}
    """.write(toFile: folder.path("ai-rules.yaml"), atomically: true, encoding: .utf8)
    let fixture = Fixtures.path("ai/ai-spend-month.csv")
    let ingest = try CommandRunner.run(
      ["ingest", "--db", "f.sqlite", "--ai-rules", "ai-rules.yaml", fixture],
      in: folder.url
    )
    #expect(ingest.status == 0, "\(ingest.stderr)")
    try "fx:\n  EUR: 1.10\n".write(
      toFile: folder.path("finops.yaml"),
      atomically: true,
      encoding: .utf8
    )
    let result = try CommandRunner.run(
      ["ai", "--month", "2026-10", "--db", "f.sqlite", "--format", "json"],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
    // 270.33 without the H100 (98.80) and A3 (12.00) Compute Engine charges.
    #expect(result.stdout.contains("\"total\": \"159.53\""))
    #expect(!result.stdout.contains("NVIDIA H100"))
  }

  @Test func classifyAppliesChangedRulesToStoredCharges() throws {
    let folder = TemporaryDirectory()
    try ingested(folder)
    try "rules:\n  - {id: no-bedrock, category: none, when: {service_name: Amazon Bedrock}}\n"
      .write(toFile: folder.path("ai-rules.yaml"), atomically: true, encoding: .utf8)
    let classify = try CommandRunner.run(
      ["classify", "--db", "f.sqlite", "--ai-rules", "ai-rules.yaml"],
      in: folder.url
    )
    #expect(classify.status == 0, "\(classify.stderr)")
    #expect(classify.stderr.contains("classified again: 2 charge profiles changed"))
    let result = try CommandRunner.run(
      ["ai", "--month", "2026-10", "--db", "f.sqlite", "--format", "json"],
      in: folder.url
    )
    // 270.33 without Bedrock's 3.00 and 4.50.
    #expect(result.stdout.contains("\"total\": \"262.83\""), "\(result.stdout)")
    let again = try CommandRunner.run(
      ["classify", "--db", "f.sqlite", "--ai-rules", "ai-rules.yaml"],
      in: folder.url
    )
    #expect(again.stderr.contains("classified again: 0 charge profiles changed"))
  }

  @Test func anInvalidUserRuleFileStopsTheIngestWithItsLine() throws {
    let folder = TemporaryDirectory()
    try "rules:\n  - id: x\n    category: gpu\n    when: {service_name: X}\n"
      .write(toFile: folder.path("bad.yaml"), atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(
      [
        "ingest", "--db", "f.sqlite", "--ai-rules", "bad.yaml",
        Fixtures.path("ai/ai-spend-month.csv"),
      ],
      in: folder.url
    )
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.yaml:3: error: rule 'x': unknown category 'gpu'"))
  }
}

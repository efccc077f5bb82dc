import FinOpsTestSupport
import Foundation
import Testing

/// `finops allocate` and `finops explain` end to end, on the demo's database and configuration.
struct AllocateCommandTests {
  private func demo(_ folder: TemporaryDirectory) throws {
    let result = try CommandRunner.run(["demo", "--out", "demo"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
  }

  private let paths = ["--db", "demo/finops.sqlite", "--config", "demo/finops.yaml"]

  @Test func allocatesAMonthWithCoverageAndUnallocatedItems() throws {
    let folder = TemporaryDirectory()
    try demo(folder)
    let result = try CommandRunner.run(["allocate", "--month", "2026-10"] + paths, in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("allocation of 2026-10 (effective cost, USD): total "))
    #expect(result.stdout.contains("team:payments"))
    #expect(result.stdout.contains("pilot:support-copilot"))
    #expect(result.stdout.contains("shared 'tax'"))
    #expect(result.stdout.contains("largest unallocated items:"))
    #expect(result.stdout.contains("largest unallocated resources"))
  }

  @Test func explainsAChargeRuleByRule() throws {
    let folder = TemporaryDirectory()
    try demo(folder)
    let result = try CommandRunner.run(["explain", "--charge", "1"] + paths, in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("charge 1 (source line 2): ") == true)
    #expect(
      lines.contains { $0.hasPrefix("demo/finops.yaml:") && $0.contains("shared cost 'tax'") }
    )
    #expect(lines.last?.hasPrefix("=> ") == true)
  }

  @Test func configurationErrorsExitWith65AndNameTheLine() throws {
    let folder = TemporaryDirectory()
    try demo(folder)
    folder.write(
      "bad.yaml",
      "teams: [{id: a}]\nrules:\n  - name: r\n    when: {service_name: x}\n    team: b\n"
    )
    let result = try CommandRunner.run(
      ["allocate", "--month", "2026-10", "--db", "demo/finops.sqlite", "--config", "bad.yaml"],
      in: folder.url
    )
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("bad.yaml:3: error: rule 'r' names unknown team 'b'"))
    let usage = try CommandRunner.run(["allocate", "--month", "October"] + paths, in: folder.url)
    #expect(usage.status == 64)
  }
}

import FinOpsTestSupport
import Foundation
import Testing

/// Crash safety and concurrency with real processes on a real database file.
@Suite(.serialized)
struct RobustnessTests {
  private func generate(_ rows: Int, _ name: String, month: String, in folder: TemporaryDirectory)
    throws
  {
    let result = try CommandRunner.run(
      ["generate", "--rows", String(rows), "--month", month, "--out", name],
      in: folder.url
    )
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func killingAnIngestLeavesTheDatabaseAsItWasAndARerunCompletes() throws {
    let folder = TemporaryDirectory()
    try generate(1_000, "small.csv", month: "2026-09", in: folder)
    try generate(60_000, "big.csv", month: "2026-10", in: folder)
    let first = try CommandRunner.run(["ingest", "small.csv", "--db", "x.sqlite"], in: folder.url)
    #expect(first.status == 0)
    let before = try CommandRunner.run(
      ["imports", "--db", "x.sqlite", "--format", "json"],
      in: folder.url
    )

    var killedMidway = 0
    for delay in [0.2, 0.6, 1.2] {
      let process = Process()
      process.executableURL = CommandRunner.executable
      process.arguments = ["ingest", "big.csv", "--db", "x.sqlite"]
      process.currentDirectoryURL = folder.url
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let doctor = try CommandRunner.run(["doctor", "--db", "x.sqlite"], in: folder.url)
      #expect(doctor.status == 0, "after kill at \(delay)s: \(doctor.stderr)")
      let after = try CommandRunner.run(
        ["imports", "--db", "x.sqlite", "--format", "json"],
        in: folder.url
      )
      if process.terminationReason == .uncaughtSignal {
        killedMidway += 1
        #expect(after.stdout == before.stdout, "kill at \(delay)s changed the database")
      }
    }
    #expect(killedMidway > 0, "no ingest was still running when killed")
    let rerun = try CommandRunner.run(["ingest", "big.csv", "--db", "x.sqlite"], in: folder.url)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(rerun.stderr.contains("imported 60000 rows") || rerun.stderr.contains("unchanged"))
    let doctor = try CommandRunner.run(["doctor", "--db", "x.sqlite"], in: folder.url)
    #expect(doctor.status == 0)
    #expect(doctor.stdout.contains("61000 charges: no problems"))
  }

  @Test func twoIngestsAtOnceBothLandAndReadersSeeACommittedState() throws {
    let folder = TemporaryDirectory()
    try generate(40_000, "sep.csv", month: "2026-09", in: folder)
    try generate(40_000, "oct.csv", month: "2026-10", in: folder)
    _ = try CommandRunner.run(["doctor", "--db", "x.sqlite"], in: folder.url)  // creates the file
    let outputs = UncheckedBox<[CommandRunner.Output]>([])
    let group = DispatchGroup()
    for name in ["sep.csv", "oct.csv"] {
      group.enter()
      let directory = folder.url
      DispatchQueue.global().async {
        if let output = try? CommandRunner.run(["ingest", name, "--db", "x.sqlite"], in: directory)
        {
          outputs.append(output)
        }
        group.leave()
      }
    }
    // Readers during the ingests see whole batches only.
    while group.wait(timeout: .now() + 0.3) == .timedOut {
      let reader = try CommandRunner.run(["doctor", "--db", "x.sqlite"], in: folder.url)
      #expect(reader.status == 0, "\(reader.stderr)")
    }
    #expect(outputs.value.count == 2)
    #expect(outputs.value.allSatisfy { $0.status == 0 })
    let doctor = try CommandRunner.run(["doctor", "--db", "x.sqlite"], in: folder.url)
    #expect(doctor.stdout.contains("checked 2 live scopes and 80000 charges: no problems"))
  }
}

/// A mutable value shared with background work in a test, guarded by a lock.
final class UncheckedBox<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value

  init(_ value: Value) { stored = value }

  var value: Value {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  func append<Element>(_ element: Element) where Value == [Element] {
    lock.lock()
    stored.append(element)
    lock.unlock()
  }
}

/// `finops report` while `finops ingest` replaces two months in one batch (issue 8).
@Suite(.serialized)
struct ReportSnapshotTests {
  @Test func aReportDuringAnIngestSeesOneCommittedState() throws {
    let folder = TemporaryDirectory()
    for (rows, name, month) in [
      (2_000, "sep-a.csv", "2026-09"), (2_000, "oct-a.csv", "2026-10"),
      (30_000, "sep-b.csv", "2026-09"), (30_000, "oct-b.csv", "2026-10"),
    ] {
      let result = try CommandRunner.run(
        ["generate", "--rows", String(rows), "--month", month, "--out", name],
        in: folder.url
      )
      #expect(result.status == 0, "\(result.stderr)")
    }
    _ = folder.write(
      "finops.yaml",
      "currency: USD\nteams: [{id: payments}]\nrules:\n"
        + "  - {name: all, when: {provider_name: '*'}, team: payments}\n"
    )
    let report = ["report", "--month", "2026-10", "--format", "json", "--db", "x.sqlite"]
    func totals() throws -> String {
      let result = try CommandRunner.run(report, in: folder.url)
      #expect(result.status == 0, "\(result.stderr)")
      let object =
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
      return "\(object?["total"] ?? "?") after \(object?["previous_total"] ?? "?")"
    }
    let first = try CommandRunner.run(
      ["ingest", "sep-a.csv", "oct-a.csv", "--db", "x.sqlite"],
      in: folder.url
    )
    #expect(first.status == 0, "\(first.stderr)")
    let before = try totals()

    let ingest = Process()
    ingest.executableURL = CommandRunner.executable
    ingest.arguments = ["ingest", "sep-b.csv", "oct-b.csv", "--db", "x.sqlite"]
    ingest.currentDirectoryURL = folder.url
    ingest.standardError = FileHandle.nullDevice
    try ingest.run()
    var seen: [String] = []
    while ingest.isRunning {
      seen.append(try totals())
    }
    ingest.waitUntilExit()
    #expect(ingest.terminationStatus == 0)
    let after = try totals()
    #expect(before != after)
    // Both months change in one batch: a report sees both old or both new, never a mix.
    for state in seen {
      #expect(state == before || state == after, "mixed state \(state)")
    }
    #expect(!seen.isEmpty, "the ingest finished before any report ran")
  }
}

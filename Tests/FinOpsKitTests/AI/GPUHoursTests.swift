import Testing

@testable import FinOpsKit

struct GPUHoursTests {
  static let units: [(String, Double)] = [
    ("Hours", 1), ("Hrs", 1), ("hour", 1), ("1 Hour", 1), ("1/Hour", 1),
    ("10 Hours", 10), ("Instance Hours", 1), ("Seconds", 1 / 3600.0), ("s", 1 / 3600.0),
    ("Minutes", 1 / 60.0), ("Days", 24),
  ]

  /// Rows of quantity, unit, accelerators and the GPU-hours they make.
  static let products: [(Double, String, Double, Double)] = [
    (10, "Hours", 8, 80),  // p4d.24xlarge for 10 hours
    (0.5, "Hrs", 4, 2),  // half an hour of g5.12xlarge
    (7_200, "Seconds", 1, 2),  // Google Cloud GPU SKU metered in seconds
    (6, "Hours", 1 / 6.0, 1),  // Azure NV6ads A10 v5: a sixth of an A10
    (-1, "Hours", 8, -8),  // a correction takes hours back
  ]

  @Test(arguments: units)
  func readsDurationUnits(unit: String, hours: Double) {
    #expect(GPUHours.hoursPerUnit(unit) == hours)
  }

  @Test(arguments: ["GB", "GB-Mo", "Tokens", "1K Tokens", "Requests", "", "0 Hours", "Units/Month"])
  func otherUnitsHaveNoHours(unit: String) {
    #expect(GPUHours.hoursPerUnit(unit) == nil)
  }

  @Test(arguments: products)
  func multipliesInstanceHoursByAccelerators(
    quantity: Double,
    unit: String,
    accelerators: Double,
    expected: Double
  ) {
    let hours = GPUHours.of(quantity: quantity, unit: unit, accelerators: accelerators)
    #expect(abs((hours ?? .nan) - expected) < 1e-9)
  }

  @Test func costPerGPUHourIsRoundedToANanoUnit() {
    // 64.18 over 50 GPU-hours.
    #expect(GPUHours.costPerHour(64_180_000_000, hours: 50) == 1_283_600_000)
    // 10.00 over 3 hours: 3.333333333(3), half away from zero.
    #expect(GPUHours.costPerHour(10_000_000_000, hours: 3) == 3_333_333_333)
    // 20.00 over 3 hours: 6.666666666(6) rounds up.
    #expect(GPUHours.costPerHour(20_000_000_000, hours: 3) == 6_666_666_667)
    #expect(GPUHours.costPerHour(-20_000_000_000, hours: 3) == -6_666_666_667)
    #expect(GPUHours.costPerHour(1_000_000_000, hours: 0) == nil)
  }
}

/// The month's spend per owner, total, unallocated and month-end forecast, as the alert rules
/// need them.
struct AlertMonthFigures {
  var total: Int128 = 0
  var unallocated: Int128 = 0
  var spend: [Owner: Int128] = [:]
  var forecast: [Owner: Int128] = [:]

  static func measure(
    month: Int,
    asOfDay: Int,
    engine: AllocationEngine,
    database: SpendDatabase
  ) throws(AllocationError) -> AlertMonthFigures {
    let allocation = try engine.allocate(month: month, in: database)
    var figures = AlertMonthFigures()
    figures.total = allocation.total
    figures.unallocated = allocation.unallocated
    figures.spend = allocation.byOwner
    return figures
  }
}

/// Writes sorted days of a month as ranges: `1-3, 5, 7-30`.
enum DayRanges {
  static func text(_ days: [Int]) -> String {
    var parts: [String] = []
    var index = 0
    while index < days.count {
      var end = index
      while end + 1 < days.count && days[end + 1] == days[end] + 1 { end += 1 }
      parts.append(end == index ? "\(days[index])" : "\(days[index])-\(days[end])")
      index = end + 1
    }
    return parts.joined(separator: ", ")
  }
}

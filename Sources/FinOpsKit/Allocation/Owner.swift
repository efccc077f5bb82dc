/// Who a charge belongs to after allocation.
public enum Owner: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// A configured team.
  case team(String)
  /// A configured AI pilot.
  case pilot(String)
  /// Nobody: no rule matched.
  case unallocated

  /// `team:payments`, `pilot:support-copilot` or `unallocated`.
  public var description: String {
    switch self {
    case .team(let id): return "team:\(id)"
    case .pilot(let id): return "pilot:\(id)"
    case .unallocated: return "unallocated"
    }
  }
}

/// Why a group of charges went where it went.
public enum AllocationDecision: Hashable, Sendable {
  /// A rule owns it.
  case rule(name: String, owner: Owner)
  /// A shared cost splits it.
  case shared(name: String)
  /// No shared cost and no rule matched.
  case unallocated
}

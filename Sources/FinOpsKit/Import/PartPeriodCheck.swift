import Foundation

/// Checks that the part files of one delivery cover one billing period, for formats whose
/// mapping says so (`parts: one-billing-period`, AWS CUR).
///
/// A delivery is the set of files of one format in one folder (AWS writes each billing period's
/// parts, and its manifest, to a folder of their own). A part from another billing period among
/// them means files were mixed up, and importing it would replace the wrong month.
enum PartPeriodCheck {
  /// A file written in the batch.
  struct Part {
    /// The `importFile` id.
    var fileId: Int64
    /// The path as given.
    var path: String
    /// The importer id.
    var format: String
  }

  /// Throws when a part covers several billing periods or differs from an earlier sibling.
  /// - Parameters:
  ///   - parts: The batch's files whose format requires one billing period per delivery.
  ///   - writer: The writer, which knows each file's scopes.
  /// - Throws: `ImportError.inconsistentBatch` naming the part and the sibling it differs from.
  static func verify(_ parts: [Part], writer: ChargeWriter) throws(ImportError) {
    struct Delivery: Hashable {
      var format: String
      var folder: String
    }
    var first: [Delivery: (path: String, period: Int64)] = [:]
    let tallies = writer.tallies
    for part in parts {
      let periods = Set(
        (writer.scopesByFile[part.fileId] ?? []).map {
          tallies[$0].billingPeriodStart
        }
      ).sorted()
      guard let period = periods.first else { continue }
      guard periods.count == 1 else {
        throw .inconsistentBatch(
          path: part.path,
          format: part.format,
          reason: "part covers several billing periods ("
            + periods.map(month).joined(separator: ", ")
            + "); a part of this format belongs to one billing period"
        )
      }
      let delivery = Delivery(
        format: part.format,
        folder: (part.path as NSString).deletingLastPathComponent
      )
      guard let sibling = first[delivery] else {
        first[delivery] = (part.path, period)
        continue
      }
      guard sibling.period == period else {
        throw .inconsistentBatch(
          path: part.path,
          format: part.format,
          reason: "part is for billing period \(month(period)) but its sibling part "
            + "'\(sibling.path)' is for \(month(sibling.period)); parts delivered together "
            + "cover one billing period (keep each period's parts in a folder of their own)"
        )
      }
    }
  }

  private static func month(_ seconds: Int64) -> String {
    String(Timestamp.iso8601(seconds).prefix(7))
  }
}

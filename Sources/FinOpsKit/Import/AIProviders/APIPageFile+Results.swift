extension APIPageFile {
  /// Walks the page's buckets and results the way every API page importer does.
  ///
  /// Each bucket's period is first covered for `account` (so that a later fetch of the same days
  /// replaces them), then `write` is called for each of its results. A `RowError` thrown by
  /// `write` is handed to `rows` at the result's line (rejected with the result's JSON as
  /// content, or fatal); any other error is a database error.
  /// - Parameters:
  ///   - writer: The batch writer.
  ///   - account: The billing account whose days the buckets cover.
  ///   - rows: What to do with a bad result.
  ///   - write: Writes one result of a bucket with the bucket's start and end (Unix seconds).
  /// - Throws: `ImportError` for a bad bucket, a rejected result that is fatal, or the store.
  func forEachResult(
    writer: ChargeWriter,
    account: String,
    rows: RowPolicy,
    _ write: (_ result: LocatedJSONValue, _ start: Int64, _ end: Int64) throws -> Void
  ) throws(ImportError) {
    for bucket in try buckets() {
      let (start, end) = try period(of: bucket)
      do {
        try writer.coverBucket(account: account, start: start, end: end)
      } catch let error as RowError {
        throw rowFailure(bucket, error)
      } catch {
        throw .store(.sqlite(reason: SpendDatabase.reason(error)))
      }
      for result in try results(of: bucket) {
        try rows.importRow(
          path: file.path,
          format: format,
          line: result.line,
          content: { result.value.jsonText }
        ) { try write(result, start, end) }
      }
    }
  }
}

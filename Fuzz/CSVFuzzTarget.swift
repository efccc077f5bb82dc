// libFuzzer entry point for the CSV reader and the field parsers it feeds. Built and run by
// Scripts/fuzz.sh; not part of the package build. Every input must either parse or fail with a
// typed error: a crash, a hang or a sanitizer report is a bug.

/// Serves the fuzzer's bytes in small, input-dependent chunks to exercise buffer refills.
final class MemoryByteSource: ByteSource {
  private let bytes: [UInt8]
  private var offset = 0
  private let chunk: Int
  var consumedFileBytes: Int64 { Int64(offset) }

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    chunk = Int(bytes.first ?? 7) % 13 + 1
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    let count = min(chunk, buffer.count, bytes.count - offset)
    for index in 0..<count { buffer[index] = bytes[offset + index] }
    offset += count
    return count
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let reader = CSVReader(source: MemoryByteSource(Array(UnsafeBufferPointer(start: data, count: size))))
  var records = 0
  do {
    while try reader.nextRecord() {
      records += 1
      precondition(records <= size + 1, "more records than bytes")
      for index in 0..<reader.fieldCount {
        let field = reader.field(index)
        _ = try? ScaledDecimal.parse(field, scale: 9)
        _ = try? ScaledDecimal.double(field)
        _ = try? Timestamp.parse(field)
        _ = JSONText.isObject(field)
        _ = try? UTF8Check.validate(field)
      }
      _ = reader.recordText()
    }
  } catch {
    precondition(!error.reason.isEmpty)
  }
  return 0
}

import Testing

@testable import FinOpsKit

struct UTF8CheckTests {
  private func check(_ bytes: [UInt8]) -> UTF8Check.Failure? {
    bytes.withUnsafeBufferPointer { buffer in
      do throws(UTF8Check.Failure) {
        try UTF8Check.validate(buffer)
        return nil
      } catch {
        return error
      }
    }
  }

  @Test func acceptsWellFormedText() {
    for text in ["", "plain ascii, long enough to use words", "café", "日本語のテキスト", "emoji 🚀 ok"] {
      #expect(check(Array(text.utf8)) == nil, "\(text)")
    }
  }

  @Test(arguments: [
    [0xC3] as [UInt8], [0xFF], [0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
    [0xF4, 0x90, 0x80, 0x80], Array("Caf".utf8) + [0xE9], Array("abcdefghij".utf8) + [0xE9, 0x20],
  ])
  func rejectsMalformedUTF8(bytes: [UInt8]) {
    #expect(check(bytes) == .invalidUTF8)
  }

  @Test func rejectsNULBytesEvenInLongASCIIRuns() {
    #expect(check(Array("abcdefgh".utf8) + [0] + Array("ijklmnop".utf8)) == .nulByte)
    #expect(check([0x41, 0x00]) == .nulByte)
  }

  @Test func agreesWithTheStandardLibraryOnRandomBytes() {
    var random = SeededGenerator(seed: 5)
    for _ in 0..<5_000 {
      let count = Int(random.next() % 24)
      let bytes = (0..<count).map { _ -> UInt8 in
        let value = UInt8(truncatingIfNeeded: random.next())
        return value == 0 ? 0x41 : value
      }
      let standard = String(validating: bytes, as: UTF8.self) != nil
      #expect((check(bytes) == nil) == standard, "\(bytes)")
    }
  }
}

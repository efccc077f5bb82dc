// libFuzzer entry point for the JSON readers: JSONParser (plain and with positions), the tag
// validator JSONText and the flat member scanner FlatJSONObject. Built and run by
// Scripts/fuzz.sh; not part of the package build. Every input must either parse or fail with a
// clear error, and the readers must agree: a crash, a hang, a sanitizer report or a broken
// invariant below is a bug.

/// Visits every located value so each recorded position is read (and bounds-checked).
func walk(_ node: LocatedJSONValue) -> Int {
  precondition(node.line >= 1 && node.column >= 1, "a position before the start of the text")
  var count = 1
  if let elements = node.elements { for element in elements { count += walk(element) } }
  if let members = node.members { for member in members { count += walk(member.node) } }
  return count
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let parsed: JSONValue?
  do {
    parsed = try JSONParser.parse(bytes)
  } catch {
    precondition(!error.reason.isEmpty && error.offset >= 0 && error.offset <= size)
    parsed = nil
  }
  // Recording positions must not change what is accepted or what is read.
  do {
    let document = try JSONParser.parseDocument(bytes)
    precondition(document.root == parsed, "parseDocument disagrees with parse")
    _ = walk(document.rootNode)
  } catch {
    precondition(parsed == nil, "parseDocument rejects what parse accepts: \(error)")
  }
  if let parsed {
    // Writing a value and reading it back gives the same value.
    var text: [UInt8] = []
    parsed.append(to: &text)
    let again = text.withUnsafeBufferPointer { try? JSONParser.parse($0) }
    precondition(again == parsed, "the written JSON does not read back the same")
  }
  // The tag validator accepts only objects the parser accepts too (its depth limit is lower).
  // It takes UTF-8 text (callers validate cells with UTF8Check first), so only valid UTF-8 is
  // compared.
  if JSONText.isObject(bytes), (try? UTF8Check.validate(bytes)) != nil {
    guard case .object = parsed else { preconditionFailure("JSONText accepts a non-object") }
  }
  // The flat scanner reads every object the parser accepts, with the same scalar members.
  var members = 0
  let flat =
    (try? FlatJSONObject.forEachMember(bytes) { member throws(RowError) in
      precondition(member.key.count <= size && member.value.count <= size)
      members += 1
    }) ?? false
  if case .object(let object) = parsed {
    precondition(flat, "FlatJSONObject rejects an object the parser accepts")
    let scalars = object.members.filter {
      switch $0.value {
      case .string, .number, .bool: return true
      default: return false
      }
    }
    precondition(members == scalars.count, "FlatJSONObject sees \(members) scalar members")
  }
  return 0
}

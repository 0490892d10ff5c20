import NetworkFormats

/// Fuzzes the exact-number JSON parser (`JSONValue.parse`).
///
/// Oracle: a document that parses must re-parse to the same value from its serialisation,
/// both compact and indented.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    for indent in [nil, 2] as [Int?] {
        guard let again = try? JSONValue.parse(value.serialized(indent: indent)), again == value else {
            fatalError("JSON round trip changed the value (indent \(String(describing: indent)))")
        }
    }
    return 0
}

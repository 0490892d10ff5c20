import NetworkFormats

/// Fuzzes the native JSON network reader (`NativeJSONFormat.decode`).
///
/// Thrown errors are the expected outcome for malformed input. Oracle: a network that decodes
/// must survive `encode` → `decode` unchanged (the writer and reader agree exactly); a mismatch
/// traps, so libFuzzer reports it as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let network = try? NativeJSONFormat.decode(bytes, file: "fuzz") else { return 0 }
    // Re-reading the writer's text must give the same network; lifted limits because the writer
    // spells `1e9999` out in full.
    var generous = ReadLimits.default
    generous.json.maximumNumberLength = .max
    generous.numbers.maximumLength = .max
    let text = Array(NativeJSONFormat.encode(network).utf8)
    guard let again = try? NativeJSONFormat.decode(text, file: "fuzz", limits: generous), again == network else {
        fatalError("native JSON round trip changed the network")
    }
    return 0
}

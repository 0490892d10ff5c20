import NetworkFormats

/// Fuzzes the `.nnet` reader (ACAS Xu text format): header counts, layer sizes against the
/// parameter budget, exact decimal numbers, the normalised input box. Thrown errors are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? NetworkReader.read(bytes: bytes, format: .nnet, file: "fuzz")
    return 0
}

import NetworkFormats

/// Fuzzes `NetworkReader.read(bytes:file:)`: format detection and whichever reader it picks
/// (nnid JSON, safetensors, npz, npy). Thrown errors are expected; crashes are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? NetworkReader.read(bytes: bytes, file: "fuzz")
    return 0
}

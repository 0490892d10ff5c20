import NetworkFormats

/// Fuzzes `InputDataReader`: a matrix of exact inputs from npy, npz, safetensors or CSV bytes
/// (format detection, every tensor reader, the CSV reader and the row layout).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? InputDataReader.read(bytes: bytes, file: "fuzz")
    return 0
}

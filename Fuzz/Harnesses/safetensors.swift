import NetworkFormats

/// Fuzzes the safetensors reader: header validation, tensor decoding and the tensor → network
/// layout, through `NetworkReader` with the default limits. Thrown errors are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? Safetensors.readHeader(bytes)
    _ = try? NetworkReader.read(bytes: bytes, format: .safetensors, file: "fuzz")
    return 0
}

import NetworkFormats

/// Fuzzes the numpy `.npz` reader: the ZIP container (central directory, ZIP64, stored and
/// deflated entries, CRC-32), the npy entries inside, and the tensor → network layout.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? NetworkReader.read(bytes: bytes, format: .npz, file: "fuzz")
    return 0
}

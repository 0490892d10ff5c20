import NetworkFormats

/// Fuzzes the PyTorch checkpoint reader: the ZIP container of `torch.save`, the restricted
/// unpickler running `data.pkl` (allow-listed globals, storages as persistent ids) and the
/// tensor views it rebuilds, then the tensor → network layout. Thrown errors are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? NetworkReader.read(bytes: bytes, format: .pytorch, file: "fuzz")
    return 0
}

import NetworkFormats

/// Fuzzes the numpy `.npy` reader (header dictionary, dtypes, byte orders, Fortran order) and
/// the single-matrix network it makes. Thrown errors are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? Npy.read(bytes, entry: "fuzz", maximumElements: 10_000_000)
    _ = try? NetworkReader.read(bytes: bytes, format: .npy, file: "fuzz")
    return 0
}

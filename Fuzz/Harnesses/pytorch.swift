import CZlib
import NetworkFormats

/// Fuzzes the PyTorch checkpoint reader: the ZIP container of `torch.save`, the restricted
/// unpickler running `data.pkl` (allow-listed globals, storages as persistent ids) and the
/// tensor views it rebuilds, then the tensor → network layout. Thrown errors are expected.
///
/// A mutated checkpoint mostly fails its CRC check, so the bytes are also tried as the
/// `data.pkl` of a well-formed checkpoint (correct CRCs) whose storages `0` to `3` hold 64
/// bytes each: mutations then reach the unpickler, the storage look-ups and the view
/// arithmetic (offsets, sizes, strides against the storage's length).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? NetworkReader.read(bytes: bytes, format: .pytorch, file: "fuzz")
    _ = try? NetworkReader.read(bytes: checkpoint(pickle: bytes), format: .pytorch, file: "fuzz")
    return 0
}

let storages: [(String, [UInt8])] = (0..<4).map { k in ("archive/data/\(k)", (0..<64).map { UInt8(truncatingIfNeeded: $0 * 37 + k) }) }

/// A ZIP archive of stored (uncompressed) entries: `archive/data.pkl`, the storages, and
/// `archive/byteorder`.
func checkpoint(pickle: [UInt8]) -> [UInt8] {
    let files = [("archive/data.pkl", pickle)] + storages + [("archive/byteorder", Array("little".utf8))]
    var out: [UInt8] = [], directory: [UInt8] = []
    func le(_ value: Int, _ width: Int) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    for (name, content) in files {
        let crc = content.withUnsafeBufferPointer { Int(crc32_z(0, $0.baseAddress, z_size_t($0.count))) }
        let common = le(20, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(crc, 4) + le(content.count, 4) + le(content.count, 4) + le(name.utf8.count, 2) + le(0, 2)
        directory += le(0x0201_4B50, 4) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(out.count, 4) + Array(name.utf8)
        out += le(0x0403_4B50, 4) + common + Array(name.utf8) + content
    }
    let start = out.count
    out += directory
    out += le(0x0605_4B50, 4) + le(0, 4) + le(files.count, 2) + le(files.count, 2) + le(directory.count, 4) + le(start, 4) + le(0, 2)
    return out
}

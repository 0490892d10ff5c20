import NetworkFormats

/// Fuzzes the restricted unpickler on its own: a bare pickle of `[weights, biases]` numpy
/// arrays, and the same pickle as the data of an object-dtype `.npy` (the header is checked
/// first, so the bytes are also tried as a pickle behind a minimal header). Thrown errors are
/// expected; a crash, an allocation beyond the limits or a hang is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? NetworkReader.read(bytes: bytes, format: .pickle, file: "fuzz")
    _ = try? NetworkReader.read(bytes: objectNpyHeader + bytes, format: .npy, file: "fuzz")
    return 0
}

/// An npy version 1.0 header for dtype object and shape (2,), padded to 64 bytes.
let objectNpyHeader: [UInt8] = {
    var text = Array("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }".utf8)
    while (10 + text.count + 1) % 64 != 0 { text.append(0x20) }
    text.append(0x0A)
    return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text
}()

import NetworkFormats

/// Fuzzes the ONNX reader: the up-front budget scan of the protobuf, swift-protobuf's decoding
/// of `ModelProto`, and the graph reader (dependency order, operators, initializers, tensor
/// decoding). Thrown errors are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? NetworkReader.read(bytes: bytes, format: .onnx, file: "fuzz")
    return 0
}

/// Bounds on what decoding an ONNX model may build (docs/limits.md), a field of
/// ``ReadLimits``, checked by ``OnnxWireScan`` before swift-protobuf decodes anything.
public struct OnnxLimits: Sendable, Equatable {
    /// Most messages (nodes, attributes, tensors, value infos, dimensions, …; default
    /// 1,000,000). Each decoded message costs a few hundred bytes however few bytes encode it.
    public var maximumMessages = 1_000_000
    /// Most values: field occurrences plus the elements of packed repeated numbers. In
    /// ``ReadLimits`` it follows the parameter limit P as JSON's does,
    /// max(25,000,000, 2·P + 1,000,000).
    public var maximumValues = 25_000_000

    public init() {}
}

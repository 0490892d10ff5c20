import Exact

/// Limits on what a reader accepts, so hostile files fail with a message instead of exhausting
/// the machine. Defaults are documented in `docs/limits.md`; the CLI overrides them with
/// `--max-file-size`, `--max-parameters`, `--max-number-length` and `--max-depth`.
public struct ReadLimits: Sendable, Equatable {
    /// Largest file accepted, in bytes (default 1 GiB).
    public var maximumFileSize: Int
    /// Most parameters in one network (default 10,000,000). Each exact parameter costs on the
    /// order of 100 bytes of memory, so the default bounds a network at about a gigabyte.
    /// JSON readers count every weight entry, absent edges included.
    public var maximumParameters: Int
    /// Most tensors in one safetensors or npz file (default 100,000).
    public var maximumTensors: Int
    /// Largest safetensors JSON header, in bytes (default 100,000,000, the reference
    /// implementation's limit).
    public var maximumHeaderSize: Int
    public var json: JSONLimits
    public var numbers: RationalParsingLimits
    /// The restricted unpickler's bounds (PyTorch checkpoints, pickles, object `.npy`).
    public var pickle: PickleLimits
    /// What an ONNX model may decode into, checked before decoding.
    public var onnx: OnnxLimits

    /// Without `json` (`onnx`), a document (model) may hold `max(25,000,000, 2·maximumParameters
    /// + 1,000,000)` values: room for every parameter and its row, but not for a file of empty
    /// arrays.
    public init(
        maximumFileSize: Int = 1 << 30, maximumParameters: Int = 10_000_000,
        maximumTensors: Int = 100_000, maximumHeaderSize: Int = 100_000_000,
        json: JSONLimits? = nil, numbers: RationalParsingLimits = .default, pickle: PickleLimits = .default, onnx: OnnxLimits? = nil
    ) {
        self.maximumFileSize = maximumFileSize
        self.maximumParameters = maximumParameters
        self.maximumTensors = maximumTensors
        self.maximumHeaderSize = maximumHeaderSize
        let twice = maximumParameters.multipliedReportingOverflow(by: 2)
        let room = twice.overflow || twice.partialValue > .max - 1_000_000 ? .max : twice.partialValue + 1_000_000
        self.json = json ?? JSONLimits(maximumValues: Swift.max(25_000_000, room))
        self.numbers = numbers
        self.pickle = pickle
        self.onnx = onnx ?? OnnxLimits()
        if onnx == nil { self.onnx.maximumValues = Swift.max(25_000_000, room) }
    }

    public static let `default` = ReadLimits()
}

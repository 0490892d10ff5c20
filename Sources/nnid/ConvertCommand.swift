import ArgumentParser
import Identifiability

/// `nnid convert IN OUT`: rewrite a network in another format, exactly unless told otherwise.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a network to nnid JSON, safetensors, numpy .npz or ONNX.",
        discussion: """
            The input format (any nnid reads) is detected from the content; the output format \
            comes from OUT's extension (.json, .safetensors, .npz, .onnx) or --to. Tensor formats store parameters as \
            --dtype (f64 by default); a parameter the dtype cannot hold exactly is an error \
            unless --lossy is given, which rounds to nearest and reports the largest rounding \
            error exactly. An irrational bias q + Σ c·tanh(r) (nnid JSON from nnid canon) is kept \
            exactly in nnid JSON; a tensor format refuses it unless --lossy, which rounds it to \
            the nearest dtype value (decided by certified enclosures) and says so. The output is \
            written atomically.

            Examples:
              nnid convert model.safetensors model.json
              nnid convert examples/relu-2-2-1.json relu.safetensors --dtype f32
              nnid convert weights.npz net.safetensors --activations relu,identity
              nnid convert model.pt model.onnx --activations relu,identity --dtype f32
            """)

    @OptionGroup var input: NetworkInput

    @Argument(help: ArgumentHelp("The file to write (- writes standard output; then give --to).", valueName: "out"))
    var outputPath: String

    @Option(help: "Output format: json, safetensors, npz or onnx (default: from OUT's extension).")
    var to: String?

    @Option(help: "Element type for safetensors/npz/onnx: f64, f32, f16 or bf16 (bf16: not npz).")
    var dtype: String = "f64"

    @Flag(help: "Round parameters the dtype cannot hold exactly, and report the largest error.")
    var lossy = false

    func run() throws {
        try reportingFailures {
            guard let type = TensorElementType(optionName: dtype) else {
                throw CommandFailure.input("--dtype: unknown element type \"\(dtype)\" (f64, f32, f16, bf16)")
            }
            let format: FileFormat
            if let to {
                guard let f = FileFormat(rawValue: to.lowercased()), NetworkWriter.writableFormats.contains(f) else {
                    throw CommandFailure.input("--to: unknown output format \"\(to)\" (json, safetensors, npz, onnx)")
                }
                format = f
            } else {
                guard let f = NetworkWriter.format(forPath: outputPath) else {
                    throw CommandFailure.input("cannot tell the output format from \"\(outputPath)\"; name it .json, .safetensors, .npz or .onnx, or give --to")
                }
                format = f
            }
            var network = try input.load(symbolicBiases: true)
            if lossy && format != .nativeJSON && network.hasSymbolicBiases {
                network = try roundSymbolicBiases(network, to: type)
            }
            let report = try NetworkWriter.write(network, to: outputPath, as: format, options: WriteOptions(elementType: type, lossy: lossy))
            if report.roundedCount > 0 {
                Terminal.note("""
                    nnid: rounded \(report.roundedCount) of \(network.parameterCount) parameters to \(type.safetensorsName); \
                    largest error \(report.maximumError) (≈ \(report.maximumError.doubleValue)) at \(report.worstParameter ?? "?")
                    """)
            }
        }
    }
}

extension ConvertCommand {
    /// The network with its symbolic biases rounded to `type` (correctly, by certified
    /// enclosures), each rounding reported on standard error.
    func roundSymbolicBiases(_ network: Network, to type: TensorElementType) throws -> Network {
        do {
            let (rounded, list) = try SymbolicBiasRounding.rounded(network, to: type)
            for r in list {
                Terminal.note("nnid: rounded \(r.unit).bias = \(r.exact) to the nearest \(type.safetensorsName), \(r.rounded.doubleValue) (error below \(r.errorBound.doubleValue))")
            }
            return rounded
        } catch {
            throw CommandFailure.input("\(input.path): \(described(error))")
        }
    }
}

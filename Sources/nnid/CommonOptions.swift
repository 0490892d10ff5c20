import ArgumentParser
import Identifiability

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The network a command reads, and how to read it.
struct NetworkInput: ParsableArguments {
    @Argument(help: ArgumentHelp("The network file (nnid JSON, safetensors, .npz, .npy, PyTorch .pt/.pth, pickle); - reads standard input.", valueName: "network"))
    var path: String

    @OptionGroup var reading: ReadingOptions

    /// Reads the network, or reports why not and exits with status 2.
    func load(symbolicBiases: Bool = false) throws -> Network {
        try reading.load(path: path, symbolicBiases: symbolicBiases)
    }
}

/// How every command reads a network file: the activations of a tensor-only file, the state
/// dict of a PyTorch checkpoint that holds several, and the input limits.
struct ReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Activations, one per non-input layer, for files that store only tensors (e.g. relu,relu,identity).",
        valueName: "list"))
    var activations: String?

    @Option(help: ArgumentHelp(
        "For a PyTorch checkpoint that wraps several state dicts (e.g. {\"model\": …, \"ema\": …}): the key of the one to read.",
        valueName: "key"))
    var key: String?

    @OptionGroup(title: "Input limits") var limits: LimitOptions

    /// Reads the network at `path`, or reports why not and exits with status 2 (commands that
    /// read several networks, such as `equiv`, read each through here). Unless `symbolicBiases`, a
    /// network with an irrational symbolic bias (nnid JSON written by `nnid canon`) is refused:
    /// the command computes with rational parameters.
    func load(path: String, symbolicBiases: Bool = false) throws -> Network {
        var options = ReadOptions(limits: limits.readLimits, key: key)
        if let activations {
            do {
                options.activations = try TensorLayout.parseActivations(activations)
            } catch {
                throw CommandFailure.input("--\(described(error))")
            }
        }
        let network: Network
        do {
            network = try NetworkReader.read(path: path, options: options)
        } catch {
            throw CommandFailure.input(described(error))
        }
        if !symbolicBiases, let (unit, value) = network.symbolicBiases.first {
            throw CommandFailure.input("\(path): \(unit).bias is the irrational constant \(value); this command needs rational parameters (canon, equiv, eval, info and convert read symbolic biases)")
        }
        return network
    }
}

/// Limits on what a network file may demand (defaults and reasons in `docs/limits.md`).
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse files larger than this many bytes (suffixes K, M, G: powers of 1024). Default 1G.", valueName: "size"))
    var maxFileSize: ByteCount?

    @Option(help: ArgumentHelp("Refuse networks with more parameters than this. Default 10000000, at most 100000000.", valueName: "n"))
    var maxParameters: Int?

    @Option(help: ArgumentHelp("Refuse numbers written with more characters than this. Default 10000.", valueName: "n"))
    var maxNumberLength: Int?

    @Option(help: ArgumentHelp("Refuse JSON nested deeper than this. Default 64, at most 256.", valueName: "n"))
    var maxDepth: Int?

    /// The largest `--max-parameters`: an exact parameter costs about 100 bytes.
    static let parameterCeiling = 100_000_000

    func validate() throws {
        for (name, value) in [("--max-parameters", maxParameters), ("--max-number-length", maxNumberLength), ("--max-depth", maxDepth)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1, found \(value)") }
        }
        if let maxParameters, maxParameters > Self.parameterCeiling {
            throw ValidationError("--max-parameters must be at most \(Self.parameterCeiling) (about 10 GB of exact parameters), found \(maxParameters)")
        }
        if let maxDepth, maxDepth > JSONLimits.depthCeiling {
            throw ValidationError("--max-depth must be at most \(JSONLimits.depthCeiling) (the parser's stack-safe ceiling), found \(maxDepth)")
        }
    }

    /// The library's defaults with the given options applied.
    var readLimits: ReadLimits {
        var limits = ReadLimits(maximumParameters: maxParameters ?? ReadLimits.default.maximumParameters)
        if let maxFileSize { limits.maximumFileSize = maxFileSize.bytes }
        if let maxNumberLength {
            limits.json.maximumNumberLength = maxNumberLength
            limits.numbers.maximumLength = maxNumberLength
        }
        if let maxDepth { limits.json.maximumDepth = maxDepth }
        return limits
    }
}

/// A size in bytes written as a whole number with an optional suffix K, M or G (powers of 1024).
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init?(argument: String) {
        let text = argument.uppercased()
        let scales: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text), scale = 1
        if let last = text.last, let s = scales[last] { digits = digits.dropLast(); scale = s }
        guard let n = Int(digits), n >= 0 else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        bytes = product
    }
}

/// Output options shared by every command.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// Prints `report` in the chosen format on stdout (on stderr when `toStandardError`, for a
    /// command whose data goes to stdout); `styled` text on stdout gets the terminal's colours.
    /// Every command prints its report through here.
    func print(_ report: some Report, styled: Bool = false, toStandardError: Bool = false) {
        switch format {
        case .text where styled && !toStandardError: Terminal.outputReport(report)
        case .text: Terminal.report(report.text(naming: .commandLine), toStandardError: toStandardError)
        case .json: Terminal.report(report.json.serialized(indent: 2) + "\n", toStandardError: toStandardError)
        }
    }
}

/// A failure to report on standard error with exit status 2 (bad input or a tool failure).
enum CommandFailure: Error {
    case input(String)
}

extension ParsableCommand {
    /// Runs `body`, turning input failures into a message on stderr and exit status 2.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch CommandFailure.input(let message) {
            Terminal.error(message)
            throw ExitCode(2)
        } catch let error as FormatError {
            Terminal.error(described(error))
            throw ExitCode(2)
        } catch let error as NetworkError {
            Terminal.error(described(error))
            throw ExitCode(2)
        } catch let error as ExactError {
            Terminal.error(described(error))
            throw ExitCode(2)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Any other failure is still bad input or a failed tool (exit status 2), never the
            // argument parser's generic exit status 1, which means "findings".
            Terminal.error(described(error))
            throw ExitCode(2)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

/// Comma-separated exact numbers, with errors naming the option and position.
func parseNumbers(_ text: String, option: String) throws -> [Rational] {
    var out: [Rational] = []
    for (k, item) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
        do {
            out.append(try Rational(parsing: String(item).trimmingSpaces))
        } catch {
            throw CommandFailure.input("\(option), value \(k + 1): \(described(error))")
        }
    }
    return out
}

/// What went wrong, in the command line's terms: the settings a library message recommends are
/// named by their flags (``OptionNames/commandLine``).
func described(_ error: any Error) -> String {
    (error as? any NamesSettings)?.description(naming: .commandLine) ?? "\(error)"
}

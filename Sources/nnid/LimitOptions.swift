import ArgumentParser
import Identifiability

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

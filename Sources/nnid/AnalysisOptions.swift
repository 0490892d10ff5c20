import ArgumentParser
import Identifiability

/// Options shared by `nnid rank` and `nnid check`.
struct AnalysisOptions: ParsableArguments {
    @Option(help: "Number of random sample points (default: ⌈B/outputs⌉ plus a quarter, B = P minus the known symmetries' dimension, plus kink clusters; grown until the rank stops changing).")
    var points: Int?
    @Option(help: "Seed of the sample generator (a run is reproducible from its seed).")
    var seed: UInt64 = RankOptions().seed
    @Option(help: "Singular-value cut for the numeric rank (default σ_max·max(m,n)·ε).")
    var tolerance: Double?
    @Flag(inversion: .prefixedNo, help: "Exact rank for piecewise-linear networks (default: automatic up to 1500 parameters).")
    var exact: Bool?
    @Option(help: ArgumentHelp("The largest parameter count analysed (the Jacobian needs about 8·P² bytes).", valueName: "N"))
    var maxAnalysisParameters: Int = RankOptions().maximumParameters
    @Flag(name: .shortAndLong, help: "Progress notes on standard error.")
    var verbose = false

    func validate() throws {
        if let points, points < 1 || points > RankOptions().maximumPoints {
            throw ValidationError("--points must be between 1 and \(RankOptions().maximumPoints)")
        }
        if let tolerance, !(tolerance.isFinite && tolerance >= 0) { throw ValidationError("--tolerance must be a finite number ≥ 0") }
        if maxAnalysisParameters < 1 { throw ValidationError("--max-analysis-parameters must be at least 1") }
    }

    func rankOptions() -> RankOptions {
        var options = RankOptions(points: points, seed: seed, tolerance: tolerance, maximumParameters: maxAnalysisParameters)
        if let exact { options.exact = exact ? .always : .never }
        return options
    }

    /// Progress for an analysis of about `stages` steps: notes as lines with `--verbose`, else a
    /// bar redrawn in place when stderr is a terminal, else nothing. Call `finish` when done.
    func progress(stages: Int) -> (report: (@Sendable (String) -> Void)?, finish: () -> Void) {
        if verbose {
            return ({ @Sendable (message: String) in Terminal.note("nnid: " + message) }, {})
        }
        guard ProgressBar.isAvailable else { return (nil, {}) }
        let bar = ProgressBar(expectedStages: stages)
        return ({ @Sendable (message: String) in bar.advance(message) }, { bar.finish() })
    }
}

/// The numeric half of a rank analysis works in Double: a parameter beyond Double's range is
/// refused up front, naming the file and the parameter, instead of surfacing as a non-finite
/// matrix entry.
func requireDoubleRange(_ network: Network, file: String) throws {
    for (parameter, value) in zip(network.parameters, network.parameterVector) where !value.doubleValue.isFinite {
        throw CommandFailure.input(
            "\(file == "-" ? "<stdin>" : file): \(parameter) is beyond Double's range (its magnitude is at least 2^1024 ≈ 1.8e308), which the numeric rank analysis works in; rescale the network")
    }
}

extension ParsableCommand {
    /// Maps analysis errors to exit status 2 with a message naming the file analysed.
    func analysisFailure(_ error: Error, file: String) -> CommandFailure {
        if let e = error as? RankError { return .input("\(file == "-" ? "<stdin>" : file): \(e.description)") }
        return .input("\(file == "-" ? "<stdin>" : file): \(error)")
    }
}

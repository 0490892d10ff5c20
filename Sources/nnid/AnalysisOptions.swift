import ArgumentParser
import Identifiability
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options shared by `nnid rank` and `nnid check`.
struct AnalysisOptions: ParsableArguments {
    @Option(help: "Number of random sample points (default: ⌈B/outputs⌉ plus a quarter, B = P minus the known symmetries' dimension, plus kink clusters; grown until the rank stops changing).")
    var points: Int?
    @Option(help: "Seed of the sample generator (a run is reproducible from its seed).")
    var seed: UInt64 = RankOptions().seed
    @Option(help: "Singular-value cut for the numeric rank (default σ_max·max(m,n)·ε).")
    var tolerance: Double?
    @Option(help: ArgumentHelp(
        "Call the numeric rank ambiguous when the gap σ_r/σ_{r+1} is below R (1 < R ≤ 10¹⁵; default 1000; at full rank σ_r/τ, at rank 0 τ/σ₁).",
        valueName: "R"))
    var ambiguityRatio: Double = RankOptions().ambiguityRatio
    @Flag(inversion: .prefixedNo, help: "Exact rank for piecewise-linear networks (default: automatic up to 1500 parameters).")
    var exact: Bool?
    @Option(help: ArgumentHelp("The largest parameter count analysed (default: what fits in this machine's memory; the analysis plans 60·P² bytes up to 2,000 parameters, 32·P² to 8,000, 16·P² above).", valueName: "N"))
    var maxAnalysisParameters: Int = RankOptions().maximumParameters
    @Option(help: ArgumentHelp(
        "Analyse on these inputs: .npy, .npz, safetensors or CSV, one input per row, exact from the stored values. The domain becomes this finite set, so the rank over all of it is the functional dimension there.",
        valueName: "FILE"))
    var data: String?
    @Option(help: ArgumentHelp("The tensor of --data holding the inputs (default: nnid.inputs, inputs, or the only one).", valueName: "NAME"))
    var dataTensor: String?
    @Option(help: ArgumentHelp(
        "Lines walked exactly through the domain for piecewise-linear networks, to reach small regions and kinks far out (0 switches the walks and the directed search off).",
        valueName: "N"))
    var lineWalks: Int = RankOptions().lineWalks
    @Option(help: ArgumentHelp("The batch never grows beyond N points (1…10,000,000; default 100,000).", valueName: "N"))
    var maxPoints: Int = RankOptions().maximumPoints
    @Option(help: ArgumentHelp("Stop growing the batch after S seconds (0 < S ≤ 10⁷; default: no time budget) and report the bracket established so far.", valueName: "S"))
    var maxSeconds: Double?
    @Option(help: ArgumentHelp("Stop growing the batch after a round that raised the rank by less than R per new point (0 ≤ R ≤ 1; default 0.01; 0 switches it off) and report the bracket.", valueName: "R"))
    var minRankGain: Double = RankOptions().minimumRankGain
    @Option(help: "How the Jacobian is factored: qr (block QR of the whole batch, its own spectrum), streaming (only rows that add rank are kept; the spectrum shown is theirs), gram (JᵀJ and its pivoted Cholesky factorisation: 8·P² bytes, fastest at large P, resolves σ only down to σ₁·√(max(m, P)·ε); an ambiguous gap is refactored by streaming or qr when they fit) or auto (the default: qr up to 2,000 parameters, streaming with kinks above, gram above 8,000).")
    var factorization: FactorizationMethod = .auto
    @Flag(name: .shortAndLong, help: "Progress notes on standard error.")
    var verbose = false
    @Option(help: ArgumentHelp(
        "Write the batch the rank was computed on to FILE: a float64 .npy array, one input per row (np.load reads it; --data reads it back).",
        valueName: "FILE"))
    var saveBatch: String?

    func validate() throws {
        if let points, points < 1 || points > RankOptions().maximumPoints {
            throw ValidationError("--points must be between 1 and \(RankOptions().maximumPoints)")
        }
        if let tolerance, !(tolerance.isFinite && tolerance >= 0) { throw ValidationError("--tolerance must be a finite number ≥ 0") }
        if !RankOptions.validAmbiguityRatios.contains(ambiguityRatio) { throw ValidationError("--ambiguity-ratio must be in (1, 10¹⁵]") }
        if !(0...10_000).contains(lineWalks) { throw ValidationError("--line-walks must be between 0 and 10000") }
        if maxAnalysisParameters < 1 { throw ValidationError("--max-analysis-parameters must be at least 1") }
        if !(1...10_000_000).contains(maxPoints) { throw ValidationError("--max-points must be between 1 and 10000000") }
        if let maxSeconds, !(maxSeconds > 0 && maxSeconds <= 1e7) { throw ValidationError("--max-seconds must be in (0, 10⁷]") }
        if !(0...1).contains(minRankGain) { throw ValidationError("--min-rank-gain must be in [0, 1]") }
        if let points, points > maxPoints { throw ValidationError("--points must not exceed --max-points (\(maxPoints))") }
    }

    func rankOptions() -> RankOptions {
        var options = RankOptions(points: points, seed: seed, tolerance: tolerance, maximumParameters: maxAnalysisParameters)
        options.lineWalks = lineWalks
        options.ambiguityRatio = ambiguityRatio
        if let exact { options.exact = exact ? .always : .never }
        options.maximumPoints = maxPoints
        options.maximumSeconds = maxSeconds
        options.minimumRankGain = minRankGain
        options.factorization = factorization
        options.interruption = .commandLine
        options.optionNames = .commandLine
        return options
    }

    /// ``rankOptions()`` with the domain of `--data` for `network`.
    /// - Throws: ``CommandFailure/input(_:)`` naming the file when it cannot be read or its rows
    ///   do not have one value per input.
    func rankOptions(for network: Network) throws -> RankOptions {
        var options = rankOptions()
        guard let data else {
            if dataTensor != nil { throw CommandFailure.input("--data-tensor: needs --data") }
            return options
        }
        let inputs: InputData
        do { inputs = try InputDataReader.read(path: data, tensor: dataTensor) } catch { throw CommandFailure.input(described(error)) }
        guard inputs.columns == network.inputCount else {
            throw CommandFailure.input("\(data)\(inputs.tensor.map { ": \($0)" } ?? ""): rows of \(inputs.columns) values, but the network has \(network.inputCount) inputs")
        }
        if points != nil { throw CommandFailure.input("--points: the batch of --data is the data set itself") }
        options.domain = .data(points: inputs.rows)
        return options
    }

    /// Progress for an analysis of about `stages` steps: notes as lines with `--verbose` (each
    /// step and each update: a log of how the batch grew), else a bar redrawn in place when stderr
    /// is a terminal, else nothing. Call `finish` when done.
    func progress(stages: Int) -> (report: ProgressSink?, finish: () -> Void) {
        Self.stopGrowingOnInterrupt()
        if verbose {
            return ({ @Sendable (note: ProgressNote) in Terminal.note("nnid: " + (note.beginsStep ? "" : "  ") + note.text) }, {})
        }
        guard ProgressBar.isAvailable else { return (nil, {}) }
        let bar = ProgressBar(expectedStages: stages)
        return ({ @Sendable (note: ProgressNote) in bar.show(note) }, { bar.finish() })
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

extension FactorizationMethod: ExpressibleByArgument {}

extension OptionNames {
    /// The flags that set each setting a message of the library can recommend.
    static let commandLine = OptionNames([
        .points: "--points", .maximumPoints: "--max-points", .maximumSeconds: "--max-seconds",
        .minimumRankGain: "--min-rank-gain", .exact: "--exact",
        .lineWalks: "--line-walks", .domain: "the input_domain of the network file, or --data", .data: "--data",
        .tolerance: "--tolerance", .ambiguityRatio: "--ambiguity-ratio", .maximumParameters: "--max-analysis-parameters",
        .maximumFileSize: "--max-file-size", .maximumFileParameters: "--max-parameters", .activations: "--activations",
        .checkpointKey: "--key", .lossy: "--lossy",
        .epsilon: "--epsilon", .gamma: "--gamma", .nBeta: "--nbeta", .chains: "--chains", .draws: "--draws",
        .burnIn: "--burn-in", .batchSize: "--batch-size",
        .jsonReport: "--format json", .explanation: "nnid check --explain", .canonicalForm: "nnid canon",
    ])
}

extension AnalysisOptions {
    /// The first Ctrl-C (SIGINT) asks the analysis to stop growing its batch and finish with the
    /// bracket established so far (``RankInterruption/commandLine``); the handler then restores the default,
    /// so a second Ctrl-C ends the process at once. The handler only does an atomic store and a
    /// `signal` call, both async-signal-safe.
    static func stopGrowingOnInterrupt() {
        RankInterruption.commandLine.reset()
        // A parent may have started nnid with SIGINT blocked (the mask is inherited): unblock it.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        signal(SIGINT) { _ in
            RankInterruption.commandLine.request()
            signal(SIGINT, SIG_DFL)
        }
    }
}

extension ParsableCommand {
    /// Maps analysis errors to exit status 2 with a message naming the file analysed.
    func analysisFailure(_ error: Error, file: String) -> CommandFailure {
        .input("\(file == "-" ? "<stdin>" : file): \(described(error))")
    }
}

extension AnalysisOptions {
    /// With `--save-batch FILE`: writes the batch's points to FILE as a float64 `.npy` array.
    func saveBatchIfAsked(_ analysis: RankAnalysis, inputs: Int) throws {
        guard let saveBatch else { return }
        try FileBytes.writeAtomically(InputData(rows: analysis.batch.points, columns: inputs).npyFloat64, to: saveBatch)
    }
}

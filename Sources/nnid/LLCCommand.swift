import ArgumentParser
import Identifiability
import LearningCoefficient

/// `nnid llc NET`: the local learning coefficient λ(θ), estimated by SGLD and checked against
/// the rank analysis's certified interval and, where one is proven, the exact value.
struct LLCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llc",
        abstract: "Estimate the local learning coefficient λ(θ) by SGLD and check it against what is proven.",
        discussion: """
            Samples the localised tempered posterior ∝ exp(−nβ·L_n(w) − (γ/2)‖w − θ‖²) with SGLD and \
            reports λ̂ = nβ·(E[L_n(w)] − L_n(θ)) per chain, 2λ̂ as effective parameters, loss traces and \
            diagnostics. Beside it: the rank analysis's certified interval rank/2 ≤ λ ≤ rank/2 + (P − rank)/4 \
            (analytic activations; an estimate outside it is flagged), and the exact value where one is \
            proven at θ (Aoyagi's deep linear coefficients; λ = P/2 at regular points).

            Without --targets the setting is realisable: the targets are the network's own outputs, so \
            L_n(θ) = 0 and θ is a true parameter. Without --data, --samples standard normal inputs are drawn.

            ε, γ and the burn-in default to the calibration rule (see `--calibrate` and the DocC article \
            "The learning coefficient, estimated"); give --epsilon/--gamma/--burn-in to override it.

            Examples:
              nnid llc examples/linear-3-2-3-zero.json
              nnid llc examples/linear-3-2-3-zero.json --calibrate sweep.svg
            """)

    @OptionGroup var input: NetworkInput
    @Option(help: ArgumentHelp("Inputs, one row per sample (.npy, .npz, safetensors or CSV).", valueName: "file"))
    var data: String?
    @Option(help: ArgumentHelp("Targets, one row per sample (.npy, .npz, safetensors or CSV); default: the network's own outputs.", valueName: "file"))
    var targets: String?
    @Option(help: "Standard normal inputs to draw when --data is not given.")
    var samples: Int = 2000
    @Option(help: "SGLD step size ε (default: the calibration rule).")
    var epsilon: Double?
    @Option(help: "Localisation strength γ (default: the calibration rule).")
    var gamma: Double?
    @Option(help: "Inverse temperature times n (default n/log n).")
    var nbeta: Double?
    @Option(help: "Independent chains.")
    var chains: Int = 4
    @Option(help: "Draws per chain after burn-in.")
    var draws: Int = 2000
    @Option(help: "Steps discarded at the start of each chain (default: the calibration rule, Langevin time 2/γ at step 2ε).")
    var burnIn: Int?
    @Option(help: "Minibatch rows (default min(n, 256)).")
    var batchSize: Int?
    @Option(help: "Seed of the sampler (and of drawn inputs).")
    var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Also draw the calibration sweep (λ̂ against ε for several γ) as SVG.", valueName: "file.svg"))
    var calibrate: String?
    @Flag(help: "Skip the rank analysis's certified interval.")
    var noInterval = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...10_000_000).contains(samples) else { throw ValidationError("--samples must be between 1 and 10000000") }
    }

    func run() throws {
        try reportingFailures {
            let network = try input.load()
            let dataset = try loadData(network)
            let interval: LearningCoefficientBounds?
            do { interval = noInterval ? nil : try LocalLearningCoefficient.certifiedInterval(network) } catch {
                throw analysisFailure(error, file: input.path)
            }
            var options = SGLDOptions(nBeta: nbeta, chains: chains, draws: draws, burnIn: burnIn ?? 0, batchSize: batchSize, seed: seed)
            let bar = ProgressBar.isAvailable ? LLCProgress() : nil
            do {
                try options.validate()
                let rule = try Calibration.choose(network, data: dataset, base: options, epsilon: epsilon, gamma: gamma, burnInGiven: burnIn != nil)
                options = rule.applied(to: options)
                if let calibrate {
                    let proven = ProvenLearningCoefficient.at(network, interval: interval)?.value.doubleValue
                    let sweep = try CalibrationSweep.run(
                        network, data: dataset, base: options, gamma: rule.gamma,
                        interval: interval.map { ($0.lower.doubleValue, $0.upper.doubleValue) }, proven: proven,
                        title: "λ̂ against ε — \(network.name ?? input.path)", progress: bar?.update)
                    try write(sweep.svg, to: calibrate)
                }
                let estimate = try LocalLearningCoefficient.estimate(
                    network, data: dataset, options: options, interval: interval, progress: bar?.update)
                bar?.finish()
                output.print(LLCReport(calibration: rule, estimate: estimate))
            } catch let error as LLCError {
                bar?.finish()
                throw CommandFailure.input(described(error))
            }
        }
    }

    func loadData(_ network: Network) throws -> LLCDataset {
        let inputs: [Double]
        if let data {
            inputs = try LLCDataFile.read(data, width: network.inputCount, option: "data")
        } else {
            inputs = LLCDataset.gaussianInputs(count: samples, width: network.inputCount, seed: seed)
        }
        do {
            guard let targets else { return try .realisable(network, inputs: inputs) }
            let y = try LLCDataFile.read(targets, width: network.outputCount, option: "targets")
            return try LLCDataset(inputs: inputs, targets: y, inputWidth: network.inputCount, outputWidth: network.outputCount)
        } catch let error as LLCError {
            throw CommandFailure.input(described(error))
        }
    }

    func write(_ text: String, to path: String) throws {
        try FileBytes.writeAtomically(Array(text.utf8), to: path)
    }
}

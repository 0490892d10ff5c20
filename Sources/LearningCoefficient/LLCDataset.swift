import Exact
import Networks

/// Inputs and targets for the empirical loss L_n(w) = (1/n)·Σᵢ ℓ(f_w(xᵢ), yᵢ), row-major.
public struct LLCDataset: Sendable {
    public let count: Int
    public let inputWidth: Int
    public let outputWidth: Int
    /// n × inputWidth.
    public let inputs: [Double]
    /// n × outputWidth.
    public let targets: [Double]
    /// The targets are the network's own outputs at θ (the realisable setting: L_n(θ) = 0).
    public let realisable: Bool

    /// Data with given targets; every entry must be finite and the widths must fit.
    public init(inputs: [Double], targets: [Double], inputWidth: Int, outputWidth: Int) throws(LLCError) {
        guard inputWidth > 0, outputWidth > 0, !inputs.isEmpty, inputs.count % inputWidth == 0 else {
            throw .invalidData(place: "inputs", reason: "\(inputs.count) numbers do not make rows of width \(inputWidth)")
        }
        let n = inputs.count / inputWidth
        guard targets.count == n * outputWidth else {
            throw .invalidData(place: "targets", reason: "expected \(n) rows of width \(outputWidth) (\(n * outputWidth) numbers), found \(targets.count) numbers")
        }
        if let k = inputs.firstIndex(where: { !$0.isFinite }) {
            throw .invalidData(place: "inputs", reason: "row \(k / inputWidth), column \(k % inputWidth) is not finite")
        }
        if let k = targets.firstIndex(where: { !$0.isFinite }) {
            throw .invalidData(place: "targets", reason: "row \(k / outputWidth), column \(k % outputWidth) is not finite")
        }
        self.init(count: n, inputWidth: inputWidth, outputWidth: outputWidth, inputs: inputs, targets: targets, realisable: false)
    }

    init(count: Int, inputWidth: Int, outputWidth: Int, inputs: [Double], targets: [Double], realisable: Bool) {
        self.count = count
        self.inputWidth = inputWidth
        self.outputWidth = outputWidth
        self.inputs = inputs
        self.targets = targets
        self.realisable = realisable
    }

    /// The realisable setting: targets are the network's outputs at its own parameters θ, so θ is
    /// a true parameter and λ̂ estimates λ(θ).
    public static func realisable(_ network: Network, inputs: [Double]) throws(LLCError) -> LLCDataset {
        let d = network.inputCount
        guard !inputs.isEmpty, inputs.count % d == 0 else {
            throw .invalidData(place: "inputs", reason: "\(inputs.count) numbers do not make rows of width \(d)")
        }
        if let k = inputs.firstIndex(where: { !$0.isFinite }) {
            throw .invalidData(place: "inputs", reason: "row \(k / d), column \(k % d) is not finite")
        }
        let model = MinibatchModel(network)
        let n = inputs.count / d
        var work = MinibatchWorkspace(model: model, rows: n)
        work.inputs = inputs
        model.forward(model.theta, &work)
        let outputs = work.outputs
        if let k = outputs.firstIndex(where: { !$0.isFinite }) {
            throw .invalidData(place: "outputs", reason: "the network's output at row \(k / model.outputCount) is not finite")
        }
        return LLCDataset(count: n, inputWidth: d, outputWidth: model.outputCount, inputs: inputs, targets: outputs, realisable: true)
    }

    /// n standard normal inputs from the project's generator (`SplitMix64`), for when no data are given.
    public static func gaussianInputs(count n: Int, width d: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<(n * d)).map { _ in rng.nextGaussian() }
    }
}

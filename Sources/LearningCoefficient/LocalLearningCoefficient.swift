import Exact
import Identifiability
import Networks

/// The library's entry points: estimate λ(θ) by SGLD, and what is proven about it.
public enum LocalLearningCoefficient {
    /// The rank analysis's certified interval rank/2 ≤ λ(θ) ≤ rank/2 + (P − rank)/4, from
    /// `Analysis.check` (the bounds it prints); `nil` when an activation is not analytic.
    public static func certifiedInterval(_ network: Network, options: CheckOptions = CheckOptions()) throws -> LearningCoefficientBounds? {
        try Analysis.check(network, options: options).learningCoefficient
    }

    /// Runs `options.chains` SGLD chains from θ and assembles λ̂ with its diagnostics.
    ///
    /// Chain c is seeded with the c-th output of `SplitMix64(seed: options.seed)`, so a run is a
    /// pure function of network, data and options. `interval` (usually ``certifiedInterval(_:options:)``)
    /// is attached for the check; the proven value, when one applies, is found here.
    public static func estimate(
        _ network: Network, data: LLCDataset, options: SGLDOptions = SGLDOptions(), loss: any LossFunction = SquaredLoss(),
        interval: LearningCoefficientBounds? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(LLCError) -> LLCEstimate {
        try options.validate()
        guard data.inputWidth == network.inputCount else {
            throw .invalidData(place: "inputs", reason: "rows have \(data.inputWidth) columns; the network has \(network.inputCount) inputs")
        }
        guard data.outputWidth == network.outputCount else {
            throw .invalidData(place: "targets", reason: "rows have \(data.outputWidth) columns; the network has \(network.outputCount) outputs")
        }
        let model = MinibatchModel(network)
        let nBeta = options.resolvedNBeta(samples: data.count)
        let batch = options.resolvedBatchSize(samples: data.count)
        let atTheta = fullLoss(model, data: data, loss: loss)
        let chain = SGLDChain(model: model, data: data, loss: loss, epsilon: options.epsilon, burnInEpsilon: options.burnInEpsilon, gamma: options.gamma, nBeta: nBeta, batch: batch)
        var seeds = SplitMix64(seed: options.seed)
        let total = options.chains * (options.burnIn + options.draws)
        var done = 0
        var results: [SGLDChainResult] = []
        for _ in 0..<options.chains {
            let result = chain.run(burnIn: options.burnIn, draws: options.draws, seed: seeds.next()) { steps in
                done += steps
                progress?(done, total)
            }
            results.append(result)
        }
        let perChain = results.map { r in r.divergedAt == nil ? nBeta * (mean(r.draws) - atTheta) : .nan }
        let diagnostics = LLCDiagnostics(
            diverged: results.enumerated().compactMap { c, r in r.divergedAt.map { (c, $0) } },
            nonStationary: results.enumerated().compactMap { c, r in
                r.divergedAt == nil && LLCDiagnostics.drifts(r.draws, nBeta: nBeta, estimate: perChain[c]) ? c : nil
            },
            rHat: LLCDiagnostics.gelmanRubin(results.filter { $0.divergedAt == nil }.map(\.draws)))
        return LLCEstimate(
            options: options, lossName: loss.name, samples: data.count, nBeta: nBeta, batchSize: batch, lossAtTheta: atTheta,
            chains: results, perChain: perChain, diagnostics: diagnostics, interval: interval,
            proven: ProvenLearningCoefficient.at(network, interval: interval))
    }

    /// L_n(θ) over all n rows, in one pass.
    static func fullLoss(_ model: MinibatchModel, data: LLCDataset, loss: any LossFunction) -> Double {
        var work = MinibatchWorkspace(model: model, rows: data.count)
        work.inputs = data.inputs
        model.forward(model.theta, &work)
        var gradient = [Double](repeating: 0, count: data.count * data.outputWidth)
        return loss.meanAndGradient(outputs: work.outputs, targets: data.targets, rows: data.count, gradient: &gradient)
    }
}

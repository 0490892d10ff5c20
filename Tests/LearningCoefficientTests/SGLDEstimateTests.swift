import Exact
import Testing
@testable import LearningCoefficient
import Networks

/// The sampler: reproducible from its seed, and its diagnostics fire where they must.
@Suite struct SGLDEstimateTests {
    /// A tanh network 2-2-1 with generic weights: rank = P = 9 (irreducible one-hidden-layer tanh).
    static func tanhNetwork() throws -> Network {
        try Network.mlp(
            widths: [2, 2, 1], activations: [.tanh, .identity],
            weights: [[[1, Rational(-1, 2)], [Rational(1, 3), 2]], [[Rational(3, 2), -1]]],
            biases: [[Rational(1, 4), Rational(-1, 2)], [Rational(1, 5)]])
    }

    static func data(_ network: Network, n: Int = 200) throws -> LLCDataset {
        try LLCDataset.realisable(network, inputs: LLCDataset.gaussianInputs(count: n, width: network.inputCount, seed: 3))
    }

    @Test func sameSeedSameEstimate() throws {
        let network = try Self.tanhNetwork()
        let data = try Self.data(network)
        let options = SGLDOptions(epsilon: 1e-4, gamma: 10, chains: 2, draws: 100, burnIn: 20, batchSize: 32, seed: 11)
        let a = try LocalLearningCoefficient.estimate(network, data: data, options: options)
        let b = try LocalLearningCoefficient.estimate(network, data: data, options: options)
        #expect(a.perChain == b.perChain)
        #expect(a.chains == b.chains)
        var other = options
        other.seed = 12
        let c = try LocalLearningCoefficient.estimate(network, data: data, options: other)
        #expect(c.perChain != a.perChain)
        // Two chains of one run start from different seeds.
        #expect(a.perChain[0] != a.perChain[1])
    }

    /// In the realisable setting L_n(θ) = 0 and every draw is a nonnegative loss.
    @Test func realisableDrawsAreNonnegative() throws {
        let network = try Self.tanhNetwork()
        let estimate = try LocalLearningCoefficient.estimate(
            network, data: try Self.data(network), options: SGLDOptions(epsilon: 1e-4, gamma: 10, chains: 1, draws: 50, burnIn: 0, seed: 1))
        #expect(estimate.lossAtTheta == 0)
        #expect(estimate.chains[0].losses.allSatisfy { $0 >= 0 })
        #expect(estimate.mean >= 0)
    }

    /// A step far too small leaves the chain at θ: λ̂ ≪ P/2, and the check against the certified
    /// interval (here rank = P, so lower = upper = P/2) fires.
    @Test func intervalCheckFiresOnTinyStep() throws {
        let network = try Self.tanhNetwork()
        let interval = try LocalLearningCoefficient.certifiedInterval(network)
        #expect(interval?.lower == Rational(9, 2) && interval?.upper == Rational(9, 2))
        let estimate = try LocalLearningCoefficient.estimate(
            network, data: try Self.data(network), options: SGLDOptions(epsilon: 1e-12, gamma: 1, chains: 2, draws: 100, burnIn: 0, seed: 1),
            interval: interval)
        #expect(estimate.mean < 1e-3)
        #expect(estimate.outsideInterval)
        #expect(estimate.proven?.value == Rational(9, 2))
    }

    /// A step far too large blows the chain up: reported as divergence, not as a number.
    @Test func divergenceIsReported() throws {
        let network = try Self.tanhNetwork()
        let interval = try LocalLearningCoefficient.certifiedInterval(network)
        let estimate = try LocalLearningCoefficient.estimate(
            network, data: try Self.data(network), options: SGLDOptions(epsilon: 10, gamma: 1, nBeta: 1e6, chains: 2, draws: 200, burnIn: 0, seed: 1),
            interval: interval)
        #expect(estimate.diagnostics.diverged.count == 2)
        #expect(estimate.mean.isNaN)
        #expect(estimate.outsideInterval)
    }

    /// The minibatch gradient is the gradient of the minibatch loss: central differences agree.
    @Test func gradientMatchesDifferences() throws {
        let network = try Self.tanhNetwork()
        let model = MinibatchModel(network)
        let data = try Self.data(network, n: 16)
        let w = model.theta.enumerated().map { $0.element + 0.1 * Double($0.offset % 3) - 0.1 }
        func loss(_ w: [Double], gradient: inout [Double]) -> Double {
            var work = MinibatchWorkspace(model: model, rows: 16)
            work.inputs = data.inputs
            model.forward(w, &work)
            let value = SquaredLoss().meanAndGradient(outputs: work.outputs, targets: data.targets, rows: 16, gradient: &work.sensitivity[model.layers.count])
            model.backward(w, &work, gradient: &gradient)
            return value
        }
        var g = [Double](repeating: 0, count: model.storageCount), scratch = g
        _ = loss(w, gradient: &g)
        for p in 0..<w.count {
            var plus = w, minus = w
            plus[p] += 1e-6
            minus[p] -= 1e-6
            let difference = (loss(plus, gradient: &scratch) - loss(minus, gradient: &scratch)) / 2e-6
            #expect(Swift.abs(difference - g[p]) <= 1e-6 * max(1, Swift.abs(g[p])), "parameter \(p)")
        }
    }

    @Test func badOptionsAreRefused() throws {
        let network = try Self.tanhNetwork()
        let data = try Self.data(network)
        for options in [SGLDOptions(epsilon: 0), SGLDOptions(epsilon: .nan), SGLDOptions(gamma: -1), SGLDOptions(chains: 0),
                        SGLDOptions(draws: 1), SGLDOptions(chains: 10_000, draws: 1_000_000)] {
            #expect(throws: LLCError.self) { try LocalLearningCoefficient.estimate(network, data: data, options: options) }
        }
        #expect(throws: LLCError.self) { try LLCDataset(inputs: [1, .nan], targets: [1], inputWidth: 2, outputWidth: 1) }
    }
}

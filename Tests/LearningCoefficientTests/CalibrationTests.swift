import Exact
import Testing
@testable import LearningCoefficient
import Networks

/// The calibration rule: the step it picks keeps ε·h_max at the documented fraction, and its
/// burn-in covers the Langevin time the localisation needs to relax.
@Suite struct CalibrationTests {
    /// A bias-free deep linear network 2-2-2 at θ = 0 (singular: the curvature at θ is γ alone).
    static func zeroNetwork() throws -> Network {
        try Network.mlp(
            widths: [2, 2, 2], activations: [.identity, .identity],
            weights: [[[0, 0], [0, 0]], [[0, 0], [0, 0]]], biases: [nil, nil])
    }

    static func data(_ network: Network) throws -> LLCDataset {
        try LLCDataset.realisable(network, inputs: LLCDataset.gaussianInputs(count: 500, width: network.inputCount, seed: 5))
    }

    /// The rule's burn-in runs Langevin time T = 2/γ at ε_b = 2ε: burnIn·ε_b ≥ T > (burnIn − 1)·ε_b.
    @Test func burnInCoversTheLocalisationTime() throws {
        let base = SGLDOptions(chains: 2, draws: 100, burnIn: 0)
        for (epsilon, gamma) in [(1e-3, 1.0), (3e-5, 0.5), (2e-4, 10.0)] {
            let b = Calibration.burnIn(epsilon: epsilon, gamma: gamma, base: base)
            #expect(b.epsilon == 2 * epsilon)
            let time = 2 / gamma
            #expect(Double(b.steps) * b.epsilon >= time * (1 - 1e-12))
            #expect(Double(b.steps - 1) * b.epsilon < time)
            #expect(b.reason.hasPrefix("rule: Langevin time"))
        }
        // No localisation: nothing relaxes the flat directions; the burn-in is the cap, and says so.
        let capped = Calibration.burnIn(epsilon: 1e-3, gamma: 0, base: base)
        #expect(capped.steps == Calibration.Rule().maximumBurnIn)
        #expect(capped.reason.contains("capped"))
        // The cap leaves room for the draws within the step budget.
        let wide = SGLDOptions(chains: 10_000, draws: 5_000, burnIn: 0)
        let b = Calibration.burnIn(epsilon: 1e-9, gamma: 1, base: wide)
        var options = wide
        options.burnIn = b.steps
        #expect(throws: Never.self) { try options.validate() }
    }

    /// The chosen step is 0.1/h_max for the largest curvature the pilot met, and an estimate with
    /// the rule's burn-in uses the warm-up step only before the draws.
    @Test func ruleStepAndBurnIn() throws {
        let network = try Self.zeroNetwork()
        let data = try Self.data(network)
        let base = SGLDOptions(chains: 2, draws: 200, burnIn: 0, seed: 3)
        let choice = try Calibration.choose(network, data: data, base: base, burnInGiven: false)
        let h = try #require(choice.curvature)
        #expect(h >= choice.gamma)
        #expect(Swift.abs(choice.epsilon * h - 0.1) <= 1e-12 || choice.epsilon * h < 0.1)
        let options = choice.applied(to: base)
        #expect(options.burnIn == choice.burnIn && options.burnInEpsilon == 2 * choice.epsilon)
        // A given burn-in is kept and runs at ε.
        let given = try Calibration.choose(network, data: data, base: base)
        #expect(given.burnIn == nil && given.applied(to: base).burnInEpsilon == nil)
    }

    /// The warm-up step changes only the burn-in: with no burn-in it has no effect at all, and a
    /// warm-up step equal to ε is the plain chain.
    @Test func warmUpStepActsOnlyDuringBurnIn() throws {
        let network = try Self.zeroNetwork()
        let data = try Self.data(network)
        var plain = SGLDOptions(epsilon: 1e-4, gamma: 1, chains: 1, draws: 300, burnIn: 0, seed: 9)
        var warm = plain
        warm.burnInEpsilon = 1e-3
        let a = try LocalLearningCoefficient.estimate(network, data: data, options: plain)
        #expect(try LocalLearningCoefficient.estimate(network, data: data, options: warm).chains == a.chains)
        plain.burnIn = 100
        warm.burnIn = 100
        var same = plain
        same.burnInEpsilon = plain.epsilon
        let b = try LocalLearningCoefficient.estimate(network, data: data, options: plain)
        #expect(try LocalLearningCoefficient.estimate(network, data: data, options: same).chains == b.chains)
        let c = try LocalLearningCoefficient.estimate(network, data: data, options: warm)
        #expect(c.chains[0].losses[0] == b.chains[0].losses[0])  // both start at θ
        #expect(c.chains[0].losses != b.chains[0].losses)
        // The larger warm-up step spreads the chain further from θ = 0 in the same number of steps.
        #expect(mean(c.chains[0].losses[50..<100]) > mean(b.chains[0].losses[50..<100]))
    }
}

import Foundation
import Canonical
import Exact
import Networks
import PropertyBased
import Testing

/// Properties of the canonical form on random networks of every activation and depth 1–3
/// (proofs/symmetry-invariance.md, proofs/function-preservation.md).
@Suite struct SymmetryInvarianceTests {
    @Test("a random symmetry leaves the canonical form unchanged; canonicalisation is idempotent; replay reproduces it; the function is preserved",
          arguments: allActivationNames)
    func invariance(activationName: String) async throws {
        let activation = try #require(Activation.named(activationName))
        await propertyCheck(count: 12, input: Gen.int(in: 0...1_000_000)) { seed in
            var rng = SeededGenerator(seed: seed)
            let depth = 1 + seed % 3
            let widths = [Int.random(in: 1...3, using: &rng)] + (0..<depth).map { _ in Int.random(in: 1...4, using: &rng) }
                + [Int.random(in: 1...2, using: &rng)]
            let network = try randomMLP(widths: widths, activation: activation, rng: &rng)
            let moved = try applyRandomSymmetry(network, rng: &rng)
            try expectSameFunction(network, moved, rng: &rng)  // the test's own symmetry is one

            let canonicalizer = Canonicalizer()
            let form = try canonicalizer.canonicalize(network)
            let movedForm = try canonicalizer.canonicalize(moved)
            #expect(form.network.layers == movedForm.network.layers, "seed \(seed)")

            let again = try canonicalizer.canonicalize(form.network)
            #expect(again.network.layers == form.network.layers, "seed \(seed): not idempotent")
            #expect(again.record.steps.isEmpty, "seed \(seed): canonical form still changed by \(again.record)")

            #expect(try form.record.replay(on: network).layers == form.network.layers)
            #expect(try movedForm.record.replay(on: moved).layers == movedForm.network.layers)
            try expectSameFunction(network, form.network, rng: &rng)
        }
    }

    @Test("the record survives a JSON round trip and replays to the same network")
    func recordJSON() throws {
        var rng = SeededGenerator(seed: 7)
        let network = try randomMLP(widths: [2, 4, 3, 1], activation: .sigmoid, rng: &rng)
        let form = try Canonicalizer().canonicalize(network)
        let data = try JSONEncoder().encode(form.record)
        let decoded = try JSONDecoder().decode(CanonicalizationRecord.self, from: data)
        #expect(decoded == form.record)
        #expect(try decoded.replay(on: network).layers == form.network.layers)
        #expect(!form.record.description.isEmpty)
    }

    @Test("replaying a record on the wrong network throws instead of computing something else")
    func replayChecks() throws {
        var rng = SeededGenerator(seed: 11)
        let network = try randomMLP(widths: [2, 3, 1], activation: .relu, rng: &rng)
        let other = try randomMLP(widths: [2, 3, 1], activation: .tanh, rng: &rng)
        let form = try Canonicalizer().canonicalize(network)
        #expect(form.record.steps.contains { if case .scale = $0 { true } else { false } })
        #expect(throws: CanonicalizationError.self) { try form.record.replay(on: other) }
    }
}

import Canonical
import Exact
import Networks
import Testing

@Suite struct EquivalenceTests {
    @Test("networks in one symmetry orbit are equivalent by equal canonical forms")
    func sameOrbit() throws {
        var rng = SeededGenerator(seed: 23)
        for activation in [Activation.relu, .tanh, .sigmoid, .abs] {
            let a = try randomMLP(widths: [2, 3, 2, 1], activation: activation, rng: &rng)
            let b = try applyRandomSymmetry(a, rng: &rng)
            guard case .equivalent = try Equivalence.decide(a, b).verdict else {
                Issue.record("\(activation): not recognised as equivalent")
                continue
            }
        }
    }

    @Test("different ReLU networks get an exact witness")
    func reluWitness() throws {
        let a = try mlp([1, 1, 1], [.relu, .identity], [[["1"]], [["1"]]], [["0"], ["0"]])
        let b = try mlp([1, 1, 1], [.relu, .identity], [[["1"]], [["2"]]], [["0"], ["0"]])
        try expectExactWitness(a, b)
    }

    @Test("different tanh networks get a certified witness: disjoint output enclosures")
    func tanhWitness() throws {
        let a = try mlp([1, 2, 1], [.tanh, .identity], [[["1"], ["2"]], [["1", "1"]]], [["0", "0"], ["0"]])
        let b = try mlp([1, 2, 1], [.tanh, .identity], [[["1"], ["3"]], [["1", "1"]]], [["0", "0"], ["0"]])
        guard let witness = try differenceWitness(a, b) else { return }
        #expect(!witness.exact)
        #expect(witness.precision != nil && witness.differenceLowerBound.signum > 0)
    }

    @Test("a one-hidden-layer tanh pair that sampling cannot separate is decided by Sussmann's theorem")
    func sussmann() throws {
        // The networks differ by an outgoing weight of 2⁻⁴⁰⁰⁰: below what the certified search's
        // precisions (up to 1024 bits) can resolve.
        let tiny = Rational.one.timesPowerOfTwo(-4000)
        let a = try mlp([1, 1, 1], [.tanh, .identity], [[["1"]], [["1"]]], [["0"], ["0"]])
        let b = try Network.mlp(widths: [1, 1, 1], activations: [.tanh, .identity], weights: [[[1]], [[1 + tiny]]], biases: [[0], [0]])
        guard case .notEquivalent(nil, let basis) = try Equivalence.decide(a, b).verdict else {
            Issue.record("expected a theorem-based verdict")
            return
        }
        #expect(basis.contains("Sussmann"))
    }

    /// relu(relu(x) − relu(−x)) = relu(x): equal functions of two hidden layers whose canonical
    /// forms differ, decided by the region search.
    @Test("two hidden layers computing relu(x) two ways are decided equivalent by the region search")
    func deepReluTwoWays() throws {
        let a = try mlp([1, 2, 1, 1], [.relu, .relu, .identity], [[["1"], ["-1"]], [["1", "-1"]], [["1"]]], [["0", "0"], ["0"], ["0"]])
        let b = try mlp([1, 1, 1, 1], [.relu, .relu, .identity], [[["1"]], [["1"]], [["1"]]], [["0"], ["0"], ["0"]])
        guard case .equivalent(let basis) = try Equivalence.decide(a, b).verdict else {
            Issue.record("expected equivalent")
            return
        }
        #expect(basis.contains("regions"))
    }

    @Test("networks with different input or output counts are decided not equivalent")
    func differentSpaces() throws {
        let a = try mlp([1, 1, 1], [.relu, .identity], [[["1"]], [["1"]]], [["0"], ["0"]])
        let b = try mlp([2, 1, 1], [.relu, .identity], [[["1", "0"]], [["1"]]], [["0"], ["0"]])
        let c = try mlp([1, 1, 2], [.relu, .identity], [[["1"]], [["1"], ["1"]]], [["0"], ["0", "0"]])
        for (x, y, what) in [(a, b, "1 and 2 inputs"), (b, a, "2 and 1 inputs"), (a, c, "1 and 2 outputs")] {
            guard case .notEquivalent(nil, let basis) = try Equivalence.decide(x, y).verdict else {
                Issue.record("expected not equivalent without a witness")
                continue
            }
            #expect(basis.contains(what), "\(basis)")
        }
    }
}

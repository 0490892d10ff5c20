import Canonical
import Exact
import LinearAlgebra
import Networks
import Testing

/// The normal form Lx + c + Σ γ_H·relu(u_H·x + β_H) of one hidden layer of piecewise-linear
/// units (proofs/shallow-piecewise-linear-equivalence.md): it computes the network's function
/// exactly, it is invariant under every way of writing the same function, and unequal forms
/// come with an input where the functions differ.
struct ShallowPiecewiseLinearFormTests {
    static let activations: [Activation] = [.relu, .leakyReLU(slope: Rational(1, 10)), .abs, .identity]

    @Test("the normal form computes the network's function exactly", arguments: activations)
    func normalFormEvaluatesLikeTheNetwork(_ activation: Activation) throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<12 {
            let widths = [Int.random(in: 1...3, using: &rng), Int.random(in: 1...5, using: &rng), Int.random(in: 1...2, using: &rng)]
            let network = try randomMLP(widths: widths, activation: activation, rng: &rng)
            let form = try #require(ShallowPiecewiseLinearForm(network))
            for x in testInputs(20, dimension: widths[0], rng: &rng) {
                #expect(form.value(at: x) == (try network.evaluateExactly(x)).outputs)
            }
        }
    }

    @Test("the normal form is invariant under the symmetry group", arguments: activations)
    func invariantUnderSymmetries(_ activation: Activation) throws {
        var rng = SeededGenerator(seed: 23)
        for _ in 0..<12 {
            let widths = [Int.random(in: 1...3, using: &rng), Int.random(in: 1...5, using: &rng), 1]
            let network = try randomMLP(widths: widths, activation: activation, rng: &rng)
            let moved = try applyRandomSymmetry(network, rng: &rng)
            #expect(ShallowPiecewiseLinearForm(network) == ShallowPiecewiseLinearForm(moved))
        }
    }

    /// 3·relu(z) − 3·relu(−z) = 3z: a hidden symmetry no unit-wise canonical form sees.
    @Test func opposedPairIsLinear() throws {
        let pair = try Network.mlp(
            widths: [2, 2, 1], activations: [.relu, .identity],
            weights: [[[1, -2], [-1, 2]], [[3, -3]]], biases: [[Rational(1, 2), Rational(-1, 2)], [0]])
        let linear = try Network.mlp(
            widths: [2, 1, 1], activations: [.identity, .identity],
            weights: [[[1, -2]], [[3]]], biases: [[Rational(1, 2)], [0]])
        let form = try #require(ShallowPiecewiseLinearForm(pair))
        #expect(form.kinks.isEmpty)
        #expect(form.linear == [[3, -6]] && form.constant == [Rational(3, 2)])
        #expect(form == ShallowPiecewiseLinearForm(linear))
        let result = try Equivalence.decide(pair, linear)
        guard case .equivalent = result.verdict else { Issue.record("expected equivalent, got \(result.verdict)"); return }
        #expect(result.canonicalA.network != result.canonicalB.network, "the canonical forms differ; only the normal form sees it")
    }

    /// Perturbing one parameter changes the function; the decision says so with an exact
    /// witness where the outputs really differ.
    @Test(arguments: activations.filter { !$0.isLinear })
    func perturbationIsSeparatedByAnExactWitness(_ activation: Activation) throws {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<10 {
            let network = try randomMLP(widths: [2, 3, 1], activation: activation, rng: &rng)
            var theta = network.parameterVector
            let k = Int.random(in: 0..<theta.count, using: &rng)
            theta[k] += Rational(1, 8)
            let other = try network.withParameterVector(theta)
            let (a, b) = try (#require(ShallowPiecewiseLinearForm(network)), #require(ShallowPiecewiseLinearForm(other)))
            if a == b { continue }  // the parameter did not matter (e.g. a dead unit's weight)
            let x = try #require(a.separatingInput(from: b))
            #expect(try network.evaluateExactly(x).outputs != other.evaluateExactly(x).outputs)
            let result = try Equivalence.decide(network, other)
            guard case .notEquivalent(let witness?, _) = result.verdict else {
                Issue.record("expected a witness, got \(result.verdict)")
                continue
            }
            #expect(try network.evaluateExactly(witness.input).outputs != other.evaluateExactly(witness.input).outputs)
        }
    }

    @Test func otherArchitecturesHaveNoShallowForm() throws {
        var rng = SeededGenerator(seed: 3)
        #expect(ShallowPiecewiseLinearForm(try randomMLP(widths: [2, 2, 2, 1], activation: .relu, rng: &rng)) == nil)
        #expect(ShallowPiecewiseLinearForm(try randomMLP(widths: [2, 2, 1], activation: .tanh, rng: &rng)) == nil)
    }
}

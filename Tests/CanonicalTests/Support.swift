import Canonical
import Exact
import LinearAlgebra
import Networks
import Testing

/// The shared seeded generator; `SeededGenerator(seed:)` keeps the tests' historical seeding.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    init(seed: Int) { self.init(seed: UInt64(bitPattern: Int64(seed)) &+ 0x9E37_79B9_7F4A_7C15) }
}

extension SeededGenerator {
    /// A small rational k/4, k ∈ [−8, 8], nonzero unless `allowZero` draws 0.
    mutating func weight(allowZero: Bool = false) -> Rational {
        var k = Int.random(in: -8...8, using: &self)
        if k == 0 && !allowZero { k = 1 }
        return Rational(k, 4)
    }
    /// A positive rational scale p/q with p, q ∈ 1…7.
    mutating func positiveScale() -> Rational {
        Rational(Int.random(in: 1...7, using: &self), Int.random(in: 1...7, using: &self))
    }
}

/// A dense MLP with random small rational weights and biases everywhere; hidden activation
/// `activation`, identity outputs.
func randomMLP(widths: [Int], activation: Activation, rng: inout SeededGenerator) throws -> Network {
    var weights: [[[Rational]]] = []
    var biases: [[Rational]?] = []
    for l in 1..<widths.count {
        weights.append((0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in rng.weight() } })
        biases.append((0..<widths[l]).map { _ in rng.weight(allowZero: true) })
    }
    let activations = Array(repeating: activation, count: widths.count - 2) + [.identity]
    return try Network.mlp(widths: widths, activations: activations, weights: weights, biases: biases)
}

/// Applies a random element of the known symmetry group to a dense MLP with biases, written
/// directly on the weight matrices (independently of the canonicaliser's own code):
/// permutations of every hidden layer; positive scalings if the activation is positively
/// homogeneous; sign flips if it is odd, even or odd up to an offset; an invertible G for a
/// linear layer (incoming M ↦ G·M, outgoing O ↦ O·G⁻¹).
func applyRandomSymmetry(_ network: Network, rng: inout SeededGenerator) throws -> Network {
    var w = network.layers.map { $0.connections[0].weights.rowArrays }
    var b = network.layers.map { $0.bias ?? Array(repeating: Rational.zero, count: $0.units) }
    for l in 1..<network.layers.count {
        let act = network.layers[l - 1].activation
        let n = network.layers[l - 1].units
        if act.isLinear {
            // G = lower unit-triangular (small integers) × positive diagonal × permutation.
            var g = Array(repeating: Array(repeating: Rational.zero, count: n), count: n)
            let perm = (0..<n).shuffled(using: &rng)
            for i in 0..<n { g[i][perm[i]] = rng.positiveScale() }
            for i in 0..<n {
                for j in 0..<i where Bool.random(using: &rng) {
                    let factor = Rational(Int.random(in: -2...2, using: &rng))
                    for c in 0..<n { g[i][c] += factor * g[j][c] }
                }
            }
            let inverse = try invert(g)
            let m = (0..<n).map { w[l - 1][$0] + [b[l - 1][$0]] }
            let gm = multiply(g, m)
            w[l - 1] = gm.map { Array($0.dropLast()) }
            b[l - 1] = gm.map { $0.last! }
            w[l] = multiply(w[l], inverse)
            continue
        }
        let perm = (0..<n).shuffled(using: &rng)
        w[l - 1] = perm.map { w[l - 1][$0] }
        b[l - 1] = perm.map { b[l - 1][$0] }
        w[l] = w[l].map { row in perm.map { row[$0] } }
        for i in 0..<n {
            if act.isPositivelyHomogeneous {
                let c = rng.positiveScale()
                w[l - 1][i] = w[l - 1][i].map { $0 * c }
                b[l - 1][i] *= c
                for u in w[l].indices { w[l][u][i] = w[l][u][i] / c }
            }
            guard Bool.random(using: &rng) else { continue }
            if act.isEven {
                w[l - 1][i] = w[l - 1][i].map { -$0 }
                b[l - 1][i] = -b[l - 1][i]
            } else if let k = act.oddOffset {
                w[l - 1][i] = w[l - 1][i].map { -$0 }
                b[l - 1][i] = -b[l - 1][i]
                for u in w[l].indices {
                    b[l][u] += k * w[l][u][i]
                    w[l][u][i] = -w[l][u][i]
                }
            }
        }
    }
    return try Network.mlp(
        widths: network.widths, activations: network.layers.map(\.activation), weights: w, biases: b.map { Optional($0) })
}

func multiply(_ a: [[Rational]], _ b: [[Rational]]) -> [[Rational]] {
    a.map { row in (0..<(b.first?.count ?? 0)).map { j in
        var s = Rational.zero
        for k in row.indices { s.addProduct(row[k], b[k][j]) }
        return s
    } }
}

struct Singular: Error {}

/// G⁻¹ by the RREF of [G | I].
func invert(_ g: [[Rational]]) throws -> [[Rational]] {
    let n = g.count
    let augmented = g.enumerated().map { i, row in row + (0..<n).map { $0 == i ? Rational.one : .zero } }
    guard let m = Matrix(rowArrays: augmented) else { throw Singular() }
    let r = m.reducedRowEchelonForm()
    guard r.pivotColumns == Array(0..<n) else { throw Singular() }
    return r.matrix.rowArrays.map { Array($0[n...]) }
}

/// Deterministic rational test inputs (exact Doubles): the origin and random points k/8.
func testInputs(_ count: Int, dimension: Int, rng: inout SeededGenerator) -> [[Rational]] {
    [Array(repeating: .zero, count: dimension)]
        + (1..<count).map { _ in (0..<dimension).map { _ in Rational(Int.random(in: -40...40, using: &rng), 8) } }
}

/// Checks that two networks compute the same function: exactly at rational points when both are
/// piecewise linear, else in Double to 1e-12 relative.
func expectSameFunction(_ a: Network, _ b: Network, rng: inout SeededGenerator, sourceLocation: SourceLocation = #_sourceLocation) throws {
    for x in testInputs(12, dimension: a.inputCount, rng: &rng) {
        if a.isPiecewiseLinear && b.isPiecewiseLinear {
            #expect(try a.evaluateExactly(x).outputs == b.evaluateExactly(x).outputs, sourceLocation: sourceLocation)
        } else {
            let xd = x.map(\.doubleValue)
            let ya = try a.evaluate(xd), yb = try b.evaluate(xd)
            for (p, q) in zip(ya, yb) {
                #expect(abs(p - q) <= 1e-12 * max(1, abs(p)), "\(p) vs \(q)", sourceLocation: sourceLocation)
            }
        }
    }
}

/// The canonical form of `network`, checked as every canonicalisation must be: the canonical
/// network computes the same function (``expectSameFunction(_:_:rng:sourceLocation:)``, inputs
/// drawn with `seed`), and replaying the record on `network` reproduces it.
func checkedCanonicalForm(_ network: Network, seed: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) throws -> CanonicalForm {
    let form = try Canonicalizer().canonicalize(network)
    var rng = SeededGenerator(seed: seed)
    try expectSameFunction(network, form.network, rng: &rng, sourceLocation: sourceLocation)
    #expect(try form.record.replay(on: network).layers == form.network.layers, sourceLocation: sourceLocation)
    return form
}

/// The witness with which ``Equivalence/decide(_:_:options:)`` says that `a` and `b` differ;
/// `nil`, with an issue recorded, when it does not say so or gives no witness.
func differenceWitness(_ a: Network, _ b: Network, sourceLocation: SourceLocation = #_sourceLocation) throws -> Witness? {
    let verdict = try Equivalence.decide(a, b).verdict
    guard case .notEquivalent(let witness?, _) = verdict else {
        Issue.record("expected not equivalent with a witness, got \(verdict)", sourceLocation: sourceLocation)
        return nil
    }
    return witness
}

/// Expects an exact witness that `a` and `b` differ: an input where their exact outputs differ.
func expectExactWitness(_ a: Network, _ b: Network, sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let w = try differenceWitness(a, b, sourceLocation: sourceLocation) else { return }
    #expect(w.exact, sourceLocation: sourceLocation)
    #expect(try a.evaluateExactly(w.input).outputs != b.evaluateExactly(w.input).outputs, sourceLocation: sourceLocation)
}

/// The activations every property test runs over.
let allActivationNames = ["relu", "leaky_relu(1/10)", "abs", "identity", "tanh", "sigmoid"]

/// Number of hidden units in a network.
func hiddenUnitCount(_ n: Network) -> Int { n.hiddenUnits.count }

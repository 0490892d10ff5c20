import Exact
import LinearAlgebra
import Testing

@testable import Networks

/// Reproducible random networks and points, from the shared seeded generator.
typealias Random = SplitMix64

extension SplitMix64 {
    init(state: UInt64) { self.init(seed: state) }
    /// A rational a/b with |a| ≤ 40, b ∈ 1…16: varied magnitudes, small denominators.
    mutating func rational() -> Rational {
        Rational(Int(next() % 81) - 40, Int(next() % 16) + 1)
    }
    /// A nonzero rational.
    mutating func nonzero() -> Rational {
        while true { let r = rational(); if !r.isZero { return r } }
    }
    mutating func matrix(_ rows: Int, _ columns: Int) -> Matrix<Rational> {
        Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in nonzero() / 10 })
            ?? Matrix(rows: rows, columns: columns, repeating: .zero)
    }
    mutating func vector(_ count: Int) -> [Rational] { (0..<count).map { _ in nonzero() / 10 } }
}

/// A network with a skip connection (layer 0 → layer 2) and a pruned edge, to exercise every
/// part of the parameter layout: layer 1 (3 units), layer 2 (2 units, also fed by the inputs,
/// edge 1 → unit 0 absent, no biases), layer 3 (2 outputs).
func skipNetwork(_ hidden: Activation, _ g: inout Random) throws -> Network {
    var mask = Matrix(rows: 2, columns: 3, repeating: true)
    mask[0, 1] = false
    var w2 = g.matrix(2, 3)
    w2[0, 1] = .zero
    let layers = [
        Layer(activation: hidden, weights: g.matrix(3, 2), bias: g.vector(3), source: 0),
        Layer(
            units: 2, activation: hidden,
            connections: [Connection(source: 1, weights: w2, present: mask), Connection(source: 0, weights: g.matrix(2, 2))],
            bias: nil),
        Layer(activation: .identity, weights: g.matrix(2, 2), bias: g.vector(2), source: 2),
    ]
    return try Network(inputCount: 2, layers: layers)
}

func mlp(_ widths: [Int], _ hidden: Activation, biases: Bool = true, _ g: inout Random) throws -> Network {
    let depth = widths.count - 1
    return try Network.mlp(
        widths: widths,
        activations: (0..<depth).map { $0 == depth - 1 ? .identity : hidden },
        weights: (1...depth).map { l in g.matrix(widths[l], widths[l - 1]).rowArrays },
        biases: (1...depth).map { l in biases ? g.vector(widths[l]) : nil })
}

/// Central differences (f(θ + h e_p) − f(θ − h e_p)) / 2h, evaluated in Double.
private func finiteDifferenceJacobian(_ network: Network, at points: [[Double]]) throws -> Matrix<Double> {
    let theta = network.parameterVector
    let h = Rational(1, 1 << 18)
    let k = network.outputCount
    var out = Matrix<Double>(rows: points.count * k, columns: theta.count, repeating: 0)
    for p in 0..<theta.count {
        var plus = theta, minus = theta
        plus[p] += h
        minus[p] -= h
        let up = NumericNetwork(try network.withParameterVector(plus))
        let down = NumericNetwork(try network.withParameterVector(minus))
        for (n, x) in points.enumerated() {
            let a = try up.evaluate(x), b = try down.evaluate(x)
            for o in 0..<k { out[n * k + o, p] = (a[o] - b[o]) / (2 * h.doubleValue) }
        }
    }
    return out
}

@Test(arguments: [Activation.tanh, .sigmoid])
func reverseModeMatchesFiniteDifferences(_ activation: Activation) throws {
    var g = Random(state: 17)
    for network in [try skipNetwork(activation, &g), try mlp([3, 4, 3, 2], activation, &g)] {
        let points = (0..<5).map { _ in (0..<network.inputCount).map { _ in g.rational().doubleValue / 8 } }
        let j = try network.jacobian(at: points)
        let fd = try finiteDifferenceJacobian(network, at: points)
        #expect(j.rows == points.count * network.outputCount)
        #expect(j.columns == network.parameterCount)
        let scale = j.elements.map(abs).max() ?? 1
        let worst = zip(j.elements, fd.elements).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-7 * max(scale, 1), "max |J − FD| = \(worst)")
    }
}

@Test(arguments: [Activation.relu, .abs, .leakyReLU(slope: Rational(1, 10))])
func numericJacobianMatchesExactForPiecewiseLinearNetworks(_ activation: Activation) throws {
    var g = Random(state: 29)
    for network in [try skipNetwork(activation, &g), try mlp([2, 5, 4, 3], activation, &g)] {
        let points = (0..<7).map { _ in (0..<network.inputCount).map { _ in g.rational() / 7 } }
        let exact = try network.exactJacobian(at: points)
        let numeric = try network.jacobian(at: points.map { $0.map(\.doubleValue) })
        #expect(exact.rows == numeric.rows && exact.columns == numeric.columns)
        for (e, d) in zip(exact.elements, numeric.elements) {
            let x = e.doubleValue
            #expect(abs(x - d) <= 1e-12 * max(1, abs(x)))
        }
    }
}

/// Every column is the derivative in the parameter the column's name says: perturbing θ_p
/// exactly by t changes the outputs of a linear (identity) network by exactly t·J[:, p] plus a
/// t² term, and for a single linear layer with no t² term the difference is exact.
@Test func exactColumnsFollowParameterOrder() throws {
    var g = Random(state: 3)
    let network = try skipNetwork(.identity, &g)
    let points = (0..<3).map { _ in g.vector(2) }
    let j = try network.exactJacobian(at: points)
    let theta = network.parameterVector
    let k = network.outputCount
    for p in 0..<theta.count {
        // f is polynomial in θ_p of degree ≤ 2 along a coordinate line in a linear network:
        // (f(θ+e) − f(θ−e)) / 2 is the exact derivative.
        var plus = theta, minus = theta
        plus[p] += 1
        minus[p] -= 1
        let up = try network.withParameterVector(plus), down = try network.withParameterVector(minus)
        for (n, x) in points.enumerated() {
            let a = try up.evaluateExactly(x).outputs, b = try down.evaluateExactly(x).outputs
            for o in 0..<k { #expect((a[o] - b[o]) / 2 == j[n * k + o, p]) }
        }
    }
}

@Test func exactJacobianRefusesKinksAndNonPiecewiseLinearActivations() throws {
    // Layer 1 unit 1 has pre-activation x − 1: exactly 0 at x = 1.
    let network = try Network.mlp(
        widths: [1, 2, 1], activations: [.relu, .identity],
        weights: [[[1], [1]], [[1, 1]]], biases: [[1, -1], [0]])
    #expect(throws: JacobianError.atKink(point: 1, unit: UnitID(layer: 1, unit: 1))) {
        try network.exactJacobian(at: [[Rational(3)], [Rational(1)]])
    }
    #expect(throws: JacobianError.wrongInputCount(point: 0, expected: 1, found: 2)) {
        try network.exactJacobian(at: [[1, 2]])
    }
    let smooth = try Network.mlp(
        widths: [1, 2, 1], activations: [.tanh, .identity], weights: [[[1], [1]], [[1, 1]]], biases: [[1, -1], [0]])
    #expect(throws: JacobianError.notPiecewiseLinear(activation: "tanh", unit: UnitID(layer: 1, unit: 0))) {
        try smooth.exactJacobian(at: [[Rational(3)]])
    }
    #expect(throws: NetworkError.wrongInputCount(expected: 1, found: 0)) { try smooth.jacobian(at: [[]]) }
    // No points: an empty Jacobian with one column per parameter.
    #expect(try network.exactJacobian(at: []).columns == network.parameterCount)
    #expect(try network.jacobian(at: []).rows == 0)
}

// MARK: - Theory checks on Jacobian ranks

/// ReLU (2,2,1), generic parameters: P = 9, and each hidden unit's positive rescaling is a
/// degenerate direction, so the functional dimension is 9 − 2 = 7 once the batch puts points on
/// both sides of both kinks (and in every activation region).
@Test func reluTwoTwoOneHasRankSeven() throws {
    let network = try Network.mlp(
        widths: [2, 2, 1], activations: [.relu, .identity],
        weights: [[[1, Rational(1, 2)], [Rational(-2, 3), 1]], [[Rational(3, 2), Rational(-5, 4)]]],
        biases: [[Rational(1, 5), Rational(-1, 7)], [Rational(1, 3)]])
    var points: [[Rational]] = []
    for a in -3...3 { for b in -3...3 { points.append([Rational(2 * a + 1, 3), Rational(2 * b + 1, 5)]) } }
    let j = try network.exactJacobian(at: points)
    let rank = j.exactRank()
    #expect(network.parameterCount == 9)
    #expect(rank.rank == 7)
    #expect(rank.certificate.verify(against: j))
    #expect(try j.map(\.doubleValue).singularValues().filter { $0 > 1e-9 }.count == 7)
}

/// Bias-free deep linear network (M, H, N) with H ≤ min(M, N): θ ↦ W₂W₁ parametrises the
/// matrices of rank ≤ H, a manifold of dimension H(M + N) − H²; with inputs spanning ℝᴹ the
/// Jacobian's rank is that dimension.
@Test(arguments: [(3, 2, 4), (2, 2, 3), (4, 1, 2), (3, 3, 3)])
func deepLinearRank(_ widths: (Int, Int, Int)) throws {
    let (m, h, n) = widths
    var g = Random(state: UInt64(100 * m + 10 * h + n))
    let network = try mlp([m, h, n], .identity, biases: false, &g)
    let points = (0..<(m + 1)).map { _ in g.vector(m) }
    let j = try network.exactJacobian(at: points)
    let rank = j.exactRank()
    #expect(rank.rank == h * (m + n) - h * h)
    #expect(rank.certificate.verify(against: j))
}

/// (1, n, 1) ReLU: P = 3n + 1; each hidden unit is one rescaling, and the output bias absorbs
/// nothing else, so the rank is 2n + 1 — but only when the batch samples both sides of every
/// kink −bᵢ/wᵢ. With all points on one side of some kinks the rank drops.
@Test(arguments: [1, 2, 3, 5])
func oneHiddenLayerReLURank(_ n: Int) throws {
    // Unit i has kink at i + 1/2 (w = ±1 alternating, b = −w·(i + 1/2)); outgoing weights 1, 2, …
    let w = (0..<n).map { i in Rational(i % 2 == 0 ? 1 : -1) }
    let b = (0..<n).map { i in -w[i] * Rational(2 * i + 1, 2) }
    let network = try Network.mlp(
        widths: [1, n, 1], activations: [.relu, .identity],
        weights: [w.map { [$0] }, [(0..<n).map { Rational($0 + 1) }]], biases: [b, [Rational(1, 3)]])
    #expect(network.parameterCount == 3 * n + 1)
    // Points at −1/3, 1/3, 2/3, 4/3, … (never on a kink i + 1/2), spanning every kink.
    let covering = (-1...(3 * n + 1)).map { [Rational($0, 3)] }
    let full = try network.exactJacobian(at: covering).exactRank()
    #expect(full.rank == 2 * n + 1)
    // The rescaling of unit i, (w_i, b_i, v_i) ↦ (c·w_i, c·b_i, v_i/c), is in the null space.
    let j = try network.exactJacobian(at: covering)
    let index = network.parameterIndex
    for i in 0..<n {
        var v = [Rational](repeating: .zero, count: network.parameterCount)
        let unit = UnitID(layer: 1, unit: i)
        v[index[Parameter(unit: unit, role: .weight(from: UnitID(layer: 0, unit: 0)))] ?? 0] = w[i]
        v[index[Parameter(unit: unit, role: .bias)] ?? 0] = b[i]
        v[index[Parameter(unit: UnitID(layer: 2, unit: 0), role: .weight(from: unit))] ?? 0] = -Rational(i + 1)
        for row in 0..<j.rows {
            var s = Rational.zero
            for c in 0..<j.columns { s += j[row, c] * v[c] }
            #expect(s.isZero)
        }
    }
    // Points only left of the last kink: the last unit is seen on one side only.
    if n >= 2 {
        let partial = (-1...(3 * n - 3)).map { [Rational($0, 3)] }
        #expect(try network.exactJacobian(at: partial).exactRank().rank < 2 * n + 1)
    }
}

/// The Gram matrix from the Kronecker-factored Jacobian, summed over the outputs before the
/// Kronecker product, is JᵀJ: on networks with several outputs, a skip connection, a pruned edge
/// a layer without biases and two dead units (whose parameters the sum skips), each entry agrees with `dsyrk` on J's rows to within the rounding
/// of a sum of m products, |ΔG_pq| ≤ 2·γ_{m+8}·(|J|ᵀ|J|)_pq (both are such sums, in different
/// orders), and is exactly 0 where every product is. Split into chunks of points or spread over
/// the cores, the structured sum gives the same bits as in one piece on one core.
@Test(arguments: [Activation.relu, .tanh])
func factoredGramIsJacobianTransposeJacobian(_ activation: Activation) throws {
    var g = Random(state: 41)
    let networks = [
        try skipNetwork(activation, &g), try mlp([4, 6, 5, 3], activation, &g), try mlp([3, 5, 4, 2], activation, biases: false, &g),
        try FactoredProductTests.deadUnitNetwork(activation, &g),
    ]
    for network in networks {
        let numeric = NumericNetwork(network)
        let points = (0..<37).map { _ in (0..<network.inputCount).map { _ in g.rational().doubleValue / 6 } }
        let factors = try numeric.jacobianFactors(at: points)
        let j = factors.dense
        #expect(j.elements == (try numeric.jacobian(at: points)).elements)
        let p = j.columns, m = j.rows
        var dense = try GramMatrix(columns: p), structured = try GramMatrix(columns: p), serial = try GramMatrix(columns: p)
        try dense.accumulate(rows: j)
        try structured.accumulate(factored: factors)
        for part in [0..<11, 11..<37] { try serial.accumulate(factored: try numeric.jacobianFactors(at: Array(points[part])), concurrently: false) }
        #expect(structured.rowsRead == m && serial.rowsRead == m)
        let gamma = 2 * Double(m + 8) * Double.ulpOfOne / (1 - Double(m + 8) * Double.ulpOfOne)
        var largest = 0.0
        for a in 0..<p {
            for b in a..<p {
                let bound = (0..<m).reduce(0.0) { $0 + abs(j[$1, a] * j[$1, b]) }
                largest = max(largest, bound)
                #expect(abs(structured[a, b] - dense[a, b]) <= gamma * bound, "G[\(a), \(b)]: \(structured[a, b]) against \(dense[a, b])")
            }
        }
        #expect(largest > 0)
        // Chunks of points add the same products in the same per-pair order only when the
        // chunks are the same; one chunk on one core against one chunk on all cores is bit-equal.
        var one = try GramMatrix(columns: p)
        try one.accumulate(factored: factors, concurrently: false)
        #expect((0..<p).allSatisfy { a in (a..<p).allSatisfy { one[a, $0].bitPattern == structured[a, $0].bitPattern } })
        #expect((0..<p).allSatisfy { a in (a..<p).allSatisfy { abs(serial[a, $0] - dense[a, $0]) <= 2 * gamma * max(largest, 1e-300) } })
    }
}

/// The streaming rank reads J·N from the Kronecker-factored Jacobian (`StreamingRank.absorb(factored:)`)
/// and selects the same rows as from the dense rows — on several outputs, a skip connection, a
/// pruned edge and a layer without biases, in chunks so that later chunks meet N ≠ I and span
/// several slices of `StreamingRank.maximumBlockRows`.
@Test(arguments: [Activation.relu, .tanh])
func factoredStreamingRankSelectsTheDenseRows(_ activation: Activation) throws {
    var g = Random(state: 43)
    let networks = [
        try skipNetwork(activation, &g), try mlp([4, 6, 5, 3], activation, &g), try mlp([3, 5, 4, 2], activation, biases: false, &g),
    ]
    for network in networks {
        let numeric = NumericNetwork(network)
        let points = (0..<420).map { _ in (0..<network.inputCount).map { _ in g.rational().doubleValue / 6 } }
        let p = network.parameterCount
        var dense = try StreamingRank(columns: p), factored = try StreamingRank(columns: p)
        for part in [0..<5, 5..<420] {
            let chosenDense = try dense.absorb(try numeric.jacobian(at: Array(points[part])))
            let chosenFactored = try factored.absorb(factored: try numeric.jacobianFactors(at: Array(points[part])))
            #expect(chosenDense == chosenFactored)
        }
        #expect(dense.rank == factored.rank && dense.rank > 0)
        #expect(dense.selectedRows == factored.selectedRows && factored.rowsRead == 420 * network.outputCount)
        let e = factored.evidence
        #expect(e.largestRejectedComponent < e.threshold && e.smallestSelectedComponent > e.threshold)
    }
}

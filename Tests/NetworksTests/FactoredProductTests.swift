import Exact
import LinearAlgebra
import Testing

@testable import Networks

/// Products of the Kronecker-factored Jacobian with a block of columns — J·V and JᵀS — and the
/// Schur deflation fed factored blocks agree with the same products on J's dense rows, on
/// networks with a skip connection, a pruned edge, a layer without biases and several outputs.
@Suite struct FactoredProductTests {
    static func networks(_ activation: Activation, _ g: inout Random) throws -> [Network] {
        [
            try skipNetwork(activation, &g), try mlp([4, 6, 5, 3], activation, &g), try mlp([3, 5, 4, 2], activation, biases: false, &g),
            try deadUnitNetwork(activation, &g),
        ]
    }

    /// 4-6-5-3 whose hidden units 0 and 3 of the first layer have weights 0 and bias −1: for ReLU
    /// never active, so their parameters and the weights leaving them are zero columns of J.
    static func deadUnitNetwork(_ activation: Activation, _ g: inout Random) throws -> Network {
        var w1 = g.matrix(6, 4).rowArrays, b1 = g.vector(6)
        for i in [0, 3] {
            w1[i] = [Rational](repeating: .zero, count: 4)
            b1[i] = Rational(-1)
        }
        return try Network.mlp(
            widths: [4, 6, 5, 3], activations: [activation, activation, .identity],
            weights: [w1, g.matrix(5, 6).rowArrays, g.matrix(3, 5).rowArrays], biases: [b1, g.vector(5), g.vector(3)])
    }

    static func points(_ network: Network, _ count: Int, _ g: inout Random) -> [[Double]] {
        (0..<count).map { _ in (0..<network.inputCount).map { _ in g.rational().doubleValue / 6 } }
    }

    /// γ_n = n·ε/(1 − n·ε): both sides sum the same products in different orders and groupings,
    /// so each differs from the exact sum by at most γ_n times the sum of their magnitudes.
    static func gamma(_ n: Int) -> Double { Double(n) * Double.ulpOfOne / (1 - Double(n) * Double.ulpOfOne) }

    /// A·B and |A|·|B| for row-major matrices, in plain loops.
    static func product(_ a: Matrix<Double>, _ b: Matrix<Double>, transposeA: Bool = false) -> (Matrix<Double>, Matrix<Double>) {
        let m = transposeA ? a.columns : a.rows, inner = transposeA ? a.rows : a.columns
        var p = Matrix<Double>(rows: m, columns: b.columns, repeating: 0), q = p
        for i in 0..<m {
            for t in 0..<inner {
                let x = transposeA ? a[t, i] : a[i, t]
                for j in 0..<b.columns {
                    p[i, j] += x * b[t, j]
                    q[i, j] += abs(x) * abs(b[t, j])
                }
            }
        }
        return (p, q)
    }

    /// J·V and JᵀS from the factors equal the dense products entry by entry within
    /// 2·γ_{size+8}·(|J|·|V|) (and |J|ᵀ|S|), for k = 5 and k = 130 columns (across a tile of
    /// ``FactoredJacobian/productTileColumns``), and for the Schur operand V = Π·[−X; I].
    @Test(arguments: [Activation.relu, .tanh])
    func productsEqualTheDenseOnes(_ activation: Activation) throws {
        var g = Random(state: 73)
        for network in try Self.networks(activation, &g) {
            let numeric = NumericNetwork(network)
            let factors = try numeric.jacobianFactors(at: Self.points(network, 23, &g))
            let j = factors.dense, p = j.columns, m = j.rows
            for k in [5, 130] {
                let v = Matrix(rows: p, columns: k, elements: (0..<(p * k)).map { _ in g.rational().doubleValue })!
                let (jv, jvBound) = Self.product(j, v)
                let fast = try factors.times(FactoredOperand(dense: v))
                #expect(fast.rows == m && fast.columns == k)
                #expect(zip(fast.elements, zip(jv.elements, jvBound.elements)).allSatisfy { abs($0 - $1.0) <= 2 * Self.gamma(p + 8) * $1.1 })
                #expect(jvBound.elements.contains { $0 > 0 })
                let s = Matrix(rows: m, columns: k, elements: (0..<(m * k)).map { _ in g.rational().doubleValue })!
                let (jts, jtsBound) = Self.product(j, s, transposeA: true)
                let back = try factors.transposeTimes(s)
                #expect(back.rows == p && back.columns == k)
                #expect(zip(back.elements, zip(jts.elements, jtsBound.elements)).allSatisfy { abs($0 - $1.0) <= 2 * Self.gamma(m + 8) * $1.1 })
            }
            // V = Π·[−X; I]: leading columns every third one, the rest trailing.
            let leading = (0..<p).filter { $0 % 3 == 1 }, trailing = (0..<p).filter { $0 % 3 != 1 }
            let x = (0..<(leading.count * trailing.count)).map { _ in g.rational().doubleValue }
            var v = Matrix<Double>(rows: p, columns: trailing.count, repeating: 0)
            for (i, c) in leading.enumerated() { for t in trailing.indices { v[c, t] = -x[i * trailing.count + t] } }
            for (t, c) in trailing.enumerated() { v[c, t] = 1 }
            let (jv, jvBound) = Self.product(j, v)
            let schur = try factors.times(FactoredOperand(schur: x, leading: leading, trailing: trailing, parameterCount: p))
            #expect(zip(schur.elements, zip(jv.elements, jvBound.elements)).allSatisfy { abs($0 - $1.0) <= 2 * Self.gamma(p + 8) * $1.1 })
            // A wrong operand is refused, not read out of bounds.
            #expect(throws: LinearAlgebraError.self) { try factors.times(FactoredOperand(dense: Matrix(rows: p + 1, columns: 2, repeating: 1))) }
        }
    }

    /// The Schur deflation fed factored blocks reads the same J·N as fed J's dense rows: two passes
    /// (start and one correction) over the same blocks of points, then σ(J·N) agree within
    /// 10⁻⁹·(‖J‖_F·‖W‖₂)² on their squares (S's round-off is ≈ ε·‖J‖·‖W‖; a wrong product would
    /// be off at the scale of J), with J₁ half of J's pivots so that J·N keeps singular values of J's size.
    @Test(arguments: [Activation.relu, .tanh])
    func factoredDeflationReadsTheDenseSpectrum(_ activation: Activation) throws {
        var g = Random(state: 91)
        for network in try Self.networks(activation, &g) {
            let numeric = NumericNetwork(network)
            let points = Self.points(network, 37, &g)
            let j = try numeric.jacobian(at: points), p = j.columns
            var gram = try GramMatrix(columns: p)
            try gram.accumulate(rows: j)
            let f = try gram.factor(cut: 1e-24 * gram.largestEigenvalue())
            let r = max(1, f.rank / 2)
            var dense = try SchurDeflation(gram: &gram, leading: r), factored = try SchurDeflation(gram: &gram, leading: r)
            for pass in 0..<2 {
                for part in [0..<11, 11..<37] {
                    let rows = part.count * network.outputCount
                    try dense.absorb(rows: Matrix(rows: rows, columns: p, elements: Array(j.elements[(part.lowerBound * network.outputCount * p)...].prefix(rows * p)))!)
                    try factored.absorb(factored: numeric.jacobianFactors(at: Array(points[part])))
                }
                #expect(dense.rowsRead == j.rows && factored.rowsRead == j.rows)
                _ = try dense.finishPass(gram: &gram)
                _ = try factored.finishPass(gram: &gram)
                if pass == 0 {
                    try dense.correct(gram: &gram)
                    try factored.correct(gram: &gram)
                }
            }
            let a = try dense.spectrum(), b = try factored.spectrum()
            let frobenius = j.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let scale = frobenius * a.wNorm
            #expect(a.values.count == p - r && b.values.count == p - r)
            #expect(a.values[0] > 1e-3 * frobenius)
            #expect(abs(a.wNorm - b.wNorm) <= 1e-9 * a.wNorm)
            #expect(zip(a.values, b.values).allSatisfy { abs($0 * $0 - $1 * $1) <= 1e-9 * scale * scale })
        }
    }
}

extension FactoredProductTests {
    /// ‖J‖_F² from the factors equals the dense rows' sum of squares (within 2·γ of it: the same
    /// squares summed in another grouping), and a growth round's C = J·N read from the factors has
    /// the singular values of C read from the dense rows, on the networks above (the skip
    /// connection and pruned edge included).
    @Test func frobeniusNormAndGrowthProductFromTheFactors() throws {
        var g = Random(state: 91)
        for network in try Self.networks(.relu, &g) {
            let numeric = NumericNetwork(network)
            let factors = try numeric.jacobianFactors(at: Self.points(network, 17, &g))
            let j = factors.dense, p = j.columns
            let dense = j.elements.reduce(0) { $0 + $1 * $1 }
            #expect(dense > 0 && Swift.abs(factors.squaredFrobeniusNorm - dense) <= 2 * Self.gamma(p + 8) * dense)
            // Orthonormal rows N (k = 4): the Q factor of a random P × 4 block.
            let random = Matrix(rows: 4, columns: p, elements: (0..<(4 * p)).map { _ in g.rational().doubleValue })!
            let null = try random.transposed.singularValueDecomposition().u.transposed
            var fromFactors = try NullSpaceGrowth(nullRows: null), fromRows = try NullSpaceGrowth(nullRows: null)
            try fromFactors.absorb(factored: factors)
            try fromRows.absorb(rows: j)
            let a = try fromFactors.spectrum().values, b = try fromRows.spectrum().values
            #expect(fromFactors.rowsRead == j.rows && fromRows.rowsRead == j.rows)
            #expect(zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 1e-10 * (b.first ?? 1) })
            // The coupling of the two leading directions, L_× = ‖U_sᵀ·J·(I − N·Nᵀ)‖₂, from the
            // factors and from the rows, against its definition on the dense rows.
            let (values, yt) = try fromRows.spectrum()
            #expect(values[1] > 1e-8 * values[0])
            var crossFactors = fromRows.crossTerm(yt: yt, values: values, newDirections: 2)
            var crossRows = fromRows.crossTerm(yt: yt, values: values, newDirections: 2)
            try crossFactors.absorb(factored: factors)
            try crossRows.absorb(rows: j)
            let c = j.multiplied(by: null.transposed)!
            let svd = try c.singularValueDecomposition()
            let us = Matrix(rowArrays: (0..<2).map { t in (0..<c.rows).map { svd.u[$0, t] } }, columns: c.rows)!
            let m = us.multiplied(by: j)!
            var mq = m
            mq.add(Matrix(rows: 2, columns: p, elements: m.multiplied(by: null.transposed)!.multiplied(by: null)!.elements.map { -$0 })!)
            let truth = try mq.singularValues()[0]
            let scale = try j.singularValues()[0]
            #expect(Swift.abs(try crossFactors.norm() - truth) <= 1e-9 * scale)
            #expect(Swift.abs(try crossRows.norm() - truth) <= 1e-9 * scale)
            #expect(truth <= scale * (1 + 1e-12))
        }
    }
}

extension FactoredProductTests {
    /// The factors restricted to their live units and inputs (``FactoredJacobian/restrictedToLiveUnits``)
    /// on the ReLU network with two dead units: fewer units in the first layer and fewer inputs in
    /// the second, the same J entry by entry (the entries dropped are products with a factor 0),
    /// and J·V and JᵀS equal to the unrestricted products — both sum the same nonzero products,
    /// so they differ by at most 2·2·γ_{size+8}·(|J|·|V|) (and |J|ᵀ|S|), and each stays as close
    /// to the dense product as before.
    @Test func productsSkipDeadUnitsWithTheSameResult() throws {
        var g = Random(state: 57)
        let network = try Self.deadUnitNetwork(.relu, &g)
        let numeric = NumericNetwork(network)
        let factors = try numeric.jacobianFactors(at: Self.points(network, 29, &g))
        let live = factors.restrictedToLiveUnits
        #expect(live.blocks[0].units == factors.blocks[0].units - 2 && live.blocks[1].width == factors.blocks[1].width - 2)
        #expect(live.blocks[2].units == factors.blocks[2].units)
        let j = factors.dense, p = j.columns, m = j.rows
        #expect(live.dense.elements == j.elements)
        #expect(j.elements.contains { $0 != 0 })
        for k in [3, 130] {
            let v = Matrix(rows: p, columns: k, elements: (0..<(p * k)).map { _ in g.rational().doubleValue })!
            let (jv, bound) = Self.product(j, v)
            let fast = try live.times(FactoredOperand(dense: v)), full = try factors.times(FactoredOperand(dense: v))
            #expect(zip(fast.elements, zip(full.elements, bound.elements)).allSatisfy { abs($0 - $1.0) <= 4 * Self.gamma(p + 8) * $1.1 })
            #expect(zip(fast.elements, zip(jv.elements, bound.elements)).allSatisfy { abs($0 - $1.0) <= 2 * Self.gamma(p + 8) * $1.1 })
            let s = Matrix(rows: m, columns: k, elements: (0..<(m * k)).map { _ in g.rational().doubleValue })!
            let (jts, back) = Self.product(j, s, transposeA: true)
            let a = try live.transposeTimes(s), b = try factors.transposeTimes(s)
            #expect(zip(a.elements, zip(b.elements, back.elements)).allSatisfy { abs($0 - $1.0) <= 4 * Self.gamma(m + 8) * $1.1 })
            #expect(zip(a.elements, zip(jts.elements, back.elements)).allSatisfy { abs($0 - $1.0) <= 2 * Self.gamma(m + 8) * $1.1 })
        }
    }
}

import CFLINT
import Exact
import Testing

@testable import LinearAlgebra
@testable import Networks

/// Networks for the integer engine: several outputs, a skip connection, a pruned edge, a layer
/// without biases, and activations with slopes other than 0 and 1 (leaky ReLU 1/7, abs).
private func engineNetworks() throws -> [Network] {
    var g = SplitMix64(seed: 77)
    func value() -> Rational {
        while true {
            let r = Rational(Int(g.next() % 81) - 40, Int(g.next() % 16) + 1) / 10
            if !r.isZero { return r }
        }
    }
    func weights(_ rows: Int, _ columns: Int) -> Matrix<Rational> {
        Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in value() })!
    }
    var mask = Matrix(rows: 2, columns: 3, repeating: true)
    mask[0, 1] = false
    var pruned = weights(2, 3)
    pruned[0, 1] = .zero
    let skip = try Network(inputCount: 2, layers: [
        Layer(activation: .relu, weights: weights(3, 2), bias: (0..<3).map { _ in value() }, source: 0),
        Layer(
            units: 2, activation: .leakyReLU(slope: Rational(1, 7)),
            connections: [Connection(source: 1, weights: pruned, present: mask), Connection(source: 0, weights: weights(2, 2))],
            bias: nil),
        Layer(activation: .identity, weights: weights(2, 2), bias: (0..<2).map { _ in value() }, source: 2),
    ])
    let deep = try Network(inputCount: 3, layers: [
        Layer(activation: .abs, weights: weights(4, 3), bias: (0..<4).map { _ in value() }, source: 0),
        Layer(activation: .relu, weights: weights(3, 4), bias: (0..<3).map { _ in value() }, source: 1),
        Layer(activation: .identity, weights: weights(3, 3), bias: nil, source: 2),
    ])
    return [skip, deep]
}

/// Points with no pre-activation exactly at a kink.
private func points(for network: Network, count: Int, seed: UInt64) throws -> [[Rational]] {
    var g = SplitMix64(seed: seed)
    var out: [[Rational]] = []
    while out.count < count {
        let x = (0..<network.inputCount).map { _ in Rational(Int(g.next() % 61) - 30, Int(g.next() % 12) + 1) / 4 }
        if try network.evaluateExactly(x).kinks.isEmpty { out.append(x) }
    }
    return out
}

/// Each integer row the engine computes is a positive multiple of the exact Jacobian's row, its
/// exact products J·w with integer vectors vanish on exactly the rows where the rational
/// Jacobian's do, and the exact rank it certifies — without forming J — is J's, with a
/// certificate that verifies against J itself.
@Test func integerRowsAndProductsAreThoseOfTheExactJacobian() throws {
    var someRowVanishes = false
    for network in try engineNetworks() {
        let x = try points(for: network, count: 9, seed: 5)
        let j = try network.exactJacobian(at: x)
        let rows = try #require(try network.exactJacobianRows(at: x))
        #expect(rows.rows == j.rows && rows.columns == j.columns)
        let integers = rows.integerRows(Array(0..<j.rows).reversed()).rationalMatrix()
        for i in 0..<j.rows {
            let row = j.rows - 1 - i
            let scale = (0..<j.columns).first { !j[row, $0].isZero }.map { integers[i, $0] / j[row, $0] }
            #expect(scale.map { $0 > .zero } ?? true)
            #expect((0..<j.columns).allSatisfy { integers[i, $0] == (scale ?? .zero) * j[row, $0] })
        }
        var g = SplitMix64(seed: 9)
        let vectors = (0..<2).map { _ in
            (0..<j.columns).map { _ in g.next() % 3 == 0 ? Rational(Int(g.next() % 7) - 3, Int(g.next() % 5) + 1) : .zero }
        }
        let (support, w) = IntegerMatrix.integerColumns(vectors, columns: j.columns)
        let dense = IntegerMatrix(clearingDenominatorsOf: j)
        let all = Array(0..<j.rows)
        #expect(rows.nonzeroProductRows(all, support: support, times: w) == dense.nonzeroProductRows(all, support: support, times: w))
        // Products mod p, by the word-arithmetic recursion: the residues of the exact ones.
        let p = PrimeField.primes[0]
        // 3·e_c for the column c of J with the fewest nonzero entries (a weight of a unit that
        // is off at some points: its rows vanish there) and a random integer vector, some
        // entries negative (residues p − x).
        let count = { (c: Int) in (0..<j.rows).filter { !j[$0, c].isZero }.count }
        let c = try #require((0..<j.columns).filter { count($0) > 0 }.min { count($0) < count($1) })
        var e = [Int](repeating: 0, count: j.columns)
        e[c] = 3
        let random = (0..<j.columns).map { _ in Int(g.next() % 9) - 4 }
        for integerVectors in [[e], [e, random]] {
            let residues = FLINTModularMatrix(rows: j.columns, columns: integerVectors.count, prime: p)
            for (t, v) in integerVectors.enumerated() {
                for (c, x) in v.enumerated() { residues[c, t] = UInt32((x + Int(p)) % Int(p)) }
            }
            let (integerSupport, iw) = IntegerMatrix.integerColumns(integerVectors.map { $0.map { Rational($0) } }, columns: j.columns)
            let modular = rows.nonzeroProductRows(all, modulo: residues)
            #expect(modular == dense.nonzeroProductRows(all, modulo: residues))
            #expect(modular == dense.nonzeroProductRows(all, support: integerSupport, times: iw))
            #expect(!modular.isEmpty)
            someRowVanishes = someRowVanishes || modular.count < j.rows
        }
        let exact = rows.exactRank(growingFrom: nil)
        #expect(exact.verified)
        #expect(exact.rank.rank == j.exactRank().rank)
        #expect(exact.rank.certificate.verify(against: j))
    }
    #expect(someRowVanishes)
}

/// The integer `x` as a rational.
private func rational(_ x: UnsafeMutablePointer<fmpz>) -> Rational {
    guard let text = fmpz_get_str(nil, 10, x) else { return .zero }
    defer { free(text) }
    return Rational(String(cString: text)) ?? .zero
}

/// One direction's forward-mode tangent, differentiated only over the units it reaches, is the
/// exact product J·v at each point times one positive scale per point — the same for every
/// direction and output — for every unit vector of θ (the weights of units that are off at some
/// points among them), a sparse and a dense random direction; and it is `nil` or leaves an output
/// out only where J·v is zero at every point.
@Test func sparseTangentsAreTheJacobianProductsScaled() throws {
    for network in try engineNetworks() {
        let x = try points(for: network, count: 7, seed: 11)
        let j = try network.exactJacobian(at: x)
        let rows = try #require(try network.exactJacobianRows(at: x))
        let k = rows.network.outputCount, n = j.columns
        var g = SplitMix64(seed: 13)
        var directions = (0..<n).map { c in (0..<n).map { $0 == c ? 1 : 0 } }
        directions.append((0..<n).map { _ in Int(g.next() % 7) - 3 })
        directions.append((0..<n).map { _ in g.next() % 4 == 0 ? Int(g.next() % 7) - 3 : 0 })
        let forward = ScaledForwardPass(rows.network, at: x[...])
        var scales = [Rational?](repeating: nil, count: x.count)
        var nonzero = 0
        for d in directions {
            let values = FMPZScalars(count: n)
            for (c, v) in d.enumerated() { fmpz_set_si(values[c], v) }
            let tangent = rows.network.tangent(forward, along: d.indices.filter { d[$0] != 0 }.map { ($0, values[$0]) })
            for p in 0..<x.count {
                for o in 0..<k {
                    let exact = (0..<n).reduce(Rational.zero) { $0 + j[p * k + o, $1] * Rational(d[$1]) }
                    let computed = tangent.flatMap { t in t.units.firstIndex(of: o).map { rational(t.values.entry(p, $0)) } } ?? .zero
                    guard !exact.isZero else {
                        #expect(computed.isZero)
                        continue
                    }
                    nonzero += 1
                    let scale = computed / exact
                    #expect(scale > .zero)
                    #expect(scales[p].map { $0 == scale } ?? true)
                    scales[p] = scale
                }
            }
        }
        #expect(nonzero > 0)
    }
}

/// The certificate checked against the network (rows recomputed, products by forward-mode
/// differentiation at every point) fails when it is corrupted: a perturbed null vector, a
/// repeated minor row, a rank claimed one higher.
@Test func corruptedCertificatesFailAgainstTheNetwork() throws {
    let network = try engineNetworks()[1]
    let x = try points(for: network, count: 6, seed: 3)
    let rows = try #require(try network.exactJacobianRows(at: x))
    let good = rows.exactRank(growingFrom: nil).rank.certificate
    #expect(rows.certificateFailure(good) == nil)
    #expect(good.rank < good.columns)
    var vectors = good.nullVectors
    vectors[0][good.minorColumns[0]] += Rational(1, 1_000_003)
    let perturbed = RankCertificate(
        rows: good.rows, columns: good.columns, prime: good.prime, minorRows: good.minorRows,
        minorColumns: good.minorColumns, nullVectors: vectors)
    #expect(rows.certificateFailure(perturbed)?.contains("not in the null space") == true)
    var repeated = good.minorRows
    repeated[1] = repeated[0]
    let duplicate = RankCertificate(
        rows: good.rows, columns: good.columns, prime: good.prime, minorRows: repeated,
        minorColumns: good.minorColumns, nullVectors: good.nullVectors)
    #expect(rows.certificateFailure(duplicate) != nil)
    let extraRow = (0..<good.rows).first { !good.minorRows.contains($0) } ?? 0
    let tooHigh = RankCertificate(
        rows: good.rows, columns: good.columns, prime: good.prime, minorRows: good.minorRows + [extraRow],
        minorColumns: good.minorColumns + [good.freeColumns[0]], nullVectors: Array(good.nullVectors.dropFirst()))
    #expect(rows.certificateFailure(tooHigh) != nil)
    #expect(!rows.annihilatesVector(vectors[0]) && rows.annihilatesVector(good.nullVectors[0]))
}

/// With many more rows than parameters, a selection that starts far too small (two rows) grows by
/// the rows the products find independent — mod p before any lifting, then exactly — to the
/// rank of the whole Jacobian, as the rational Jacobian's own growing selection does.
@Test func aPoorSelectionGrowsToTheRankOfTheWholeJacobian() throws {
    for network in try engineNetworks() {
        let x = try points(for: network, count: 40, seed: 8)
        let j = try network.exactJacobian(at: x)
        let rows = try #require(try network.exactJacobianRows(at: x))
        #expect(rows.rows > 2 * rows.columns)
        let grown = rows.exactRank(growingFrom: [0, 1])
        #expect(grown.verified)
        #expect(grown.rank.rank == j.exactRank(growingFrom: [0, 1]).rank.rank)
        #expect(grown.rank.certificate.verify(against: j))
    }
}

/// A point on a kink is refused with the error of the rational Jacobian.
@Test func kinkPointsAreRefusedLikeTheRationalJacobian() throws {
    let network = try smallReLUNetwork()
    // Unit 1 of layer 1: 3·x₀ + x₁ = 0 at (1, −3).
    let x: [[Rational]] = [[1, 1], [1, -3], [2, 2]]
    var rational: JacobianError? = nil
    do { _ = try network.exactJacobian(at: x) } catch { rational = error }
    #expect(rational != nil)
    #expect(throws: rational!) { _ = try network.exactJacobianRows(at: x) }
}

/// The integer forward pass decides the sign of every pre-activation, and the first unit on a
/// kink, as exact rational evaluation does — at random points and at points placed on kinks.
@Test func integerSignsAreThoseOfExactEvaluation() throws {
    for network in try engineNetworks() + [try smallReLUNetwork()] {
        let evaluator = try #require(network.piecewiseLinearLayers.flatMap { ExactSignEvaluator($0) })
        var g = SplitMix64(seed: 21)
        var x = (0..<40).map { _ in (0..<network.inputCount).map { _ in Rational(Int(g.next() % 61) - 30, Int(g.next() % 12) + 1) / 4 } }
        x.append(Array(repeating: .zero, count: network.inputCount))
        if network.inputCount == 2 { x.append([1, -3]) }  // on the kink of smallReLUNetwork's unit 1
        for point in x {
            let exact = try network.evaluateExactly(point)
            let integer = try #require(evaluator.signs(at: point))
            for l in 1...network.layers.count {
                #expect(integer.signs[l - 1] == exact.preActivations[l].map { Int8($0.signum) })
            }
            #expect(integer.kink.map { UnitID(layer: $0.layer, unit: $0.unit) } == exact.kinks.first)
        }
    }
}

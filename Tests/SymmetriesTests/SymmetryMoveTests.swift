import Canonical
import Exact
import Networks
import Symmetries
import Testing

/// a + b·ε with ε² = 0: evaluating a finite action at t = ε gives θ + θ′(0)·ε exactly.
struct Dual: SymmetryScalar, Equatable {
    var real: Rational
    var dual: Rational
    init(_ q: Rational) { (real, dual) = (q, .zero) }
    init(_ a: Rational, _ b: Rational) { (real, dual) = (a, b) }
    static func + (a: Dual, b: Dual) -> Dual { Dual(a.real + b.real, a.dual + b.dual) }
    static func - (a: Dual, b: Dual) -> Dual { Dual(a.real - b.real, a.dual - b.dual) }
    static func * (a: Dual, b: Dual) -> Dual { Dual(a.real * b.real, a.real * b.dual + a.dual * b.real) }
    var reciprocal: Dual? { real.isZero ? nil : Dual(.one / real, -dual / (real * real)) }
    /// act(b + a + a′ε) − act(b) = act(b + a) − act(b) + act′(b + a)·a′ε.
    func increment(of activation: Activation, at b: Rational) -> Dual? {
        guard let change = real.increment(of: activation, at: b), let slope = activation.slope(at: b + real)?.exact else { return nil }
        return Dual(change, slope * dual)
    }
}

/// Every rule of the catalogue is one ``SymmetryMove``: its finite action (what the
/// canonicaliser applies) and its tangent (what the rank analysis checks against the kernel).
/// On random networks of every activation, with duplicate, negated-duplicate, constant and
/// zero-outgoing units planted and random units marked dead or linear on a batch:
/// - the derivative of each finite action at the identity (exact, by dual numbers) is the
///   move's tangent;
/// - each function-scope action at a finite t computes the same function (exactly, for
///   piecewise-linear networks);
/// - the canonicaliser's scale step is the rescaling move's action at t = c − 1, and its merge
///   and fold steps are the duplicate and constant moves' actions at t = the weight they empty.
@Suite struct SymmetryMoveTests {
    static let activations: [Activation] = [.relu, .leakyReLU(slope: Rational(1, 4)), .abs, .identity, .tanh, .sigmoid]

    static func generic(_ rng: inout SplitMix64) -> Rational {
        let k = Int(rng.nextBits(5)) - 16
        return Rational(k == 0 ? 3 : k, 8)
    }

    /// A 2-4-3-1 network: in layer 1 unit 1 is c·(unit 0) (c = 2 or −1), unit 2 is constant;
    /// in layer 2 unit 2 has zero outgoing weight.
    static func network(_ act: Activation, seed: UInt64) throws -> Network {
        var rng = SplitMix64(seed: seed)
        let widths = [2, 4, 3, 1]
        var w: [[[Rational]]] = (1..<widths.count).map { l in (0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in generic(&rng) } } }
        var b: [[Rational]] = (1..<widths.count).map { l in (0..<widths[l]).map { _ in generic(&rng) } }
        let c: Rational = rng.nextBits(1) == 0 ? 2 : -1
        w[0][1] = w[0][0].map { c * $0 }
        b[0][1] = c * b[0][0]
        w[0][2] = [0, 0]
        if rng.nextBits(1) == 0 { b[0][2] = 0 }
        w[2][0][2] = 0
        return try Network.mlp(widths: widths, activations: [act, act, .identity], weights: w, biases: b)
    }

    static func batch(_ g: ParameterGraph, seed: UInt64) -> BatchBehaviour {
        var rng = SplitMix64(seed: seed ^ 0xBA7C)
        var batch = BatchBehaviour()
        guard g.network.layers[0].activation.hasKink else { return batch }
        for u in g.units(ofLayer: 2) {
            switch rng.nextBits(2) {
            case 0: batch.deadUnits.insert(u)
            case 1: batch.linearUnits[u] = 1
            default: break
            }
        }
        return batch
    }

    @Test(arguments: activations) func eachFiniteActionsDerivativeIsItsTangent(activation: Activation) throws {
        var checked = 0
        for seed in 0..<12 as Range<UInt64> {
            let net = try Self.network(activation, seed: seed)
            let g = ParameterGraph(net)
            let theta = g.values.map { Dual($0) }
            for move in SymmetryMove.all(graph: g, batch: Self.batch(g, seed: seed)) {
                let tangent = try #require(move.tangent)
                guard tangent.isExact else { continue }
                let moved = try #require(move.apply(to: theta, t: Dual(.zero, .one)), "\(move.kind)")
                var expected = [Rational](repeating: .zero, count: g.parameterCount)
                for e in tangent.entries { expected[e.index] = e.exact! }
                #expect(moved.map(\.real) == theta.map(\.real), "\(move.kind)")
                #expect(moved.map(\.dual) == expected, "\(move.kind)")
                checked += 1
            }
        }
        #expect(checked >= 12)
    }

    @Test(arguments: activations) func functionScopeActionsPreserveTheFunction(activation: Activation) throws {
        var checked = 0
        for seed in 0..<8 as Range<UInt64> {
            let net = try Self.network(activation, seed: seed)
            let g = ParameterGraph(net)
            var rng = SplitMix64(seed: seed)
            let inputs = (0..<6).map { _ in [Self.generic(&rng), Self.generic(&rng)] }
            for move in SymmetryMove.all(graph: g) where move.scope == .function {
                guard let moved = move.apply(to: g.values, t: Rational(1, 3)) else { continue }
                let other = try net.withParameterVector(moved)
                for x in inputs {
                    if net.isPiecewiseLinear {
                        #expect(try other.evaluateExactly(x).outputs == net.evaluateExactly(x).outputs, "\(move.kind)")
                    } else {
                        let a = try other.evaluate(x.map(\.doubleValue)), b = try net.evaluate(x.map(\.doubleValue))
                        #expect(zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * (1 + Swift.abs($1)) }, "\(move.kind)")
                    }
                }
                checked += 1
            }
        }
        #expect(checked >= 8)
    }

    /// The canonicaliser's `.scale(unit, c)` step and the rescaling move at t = c − 1 give the same θ.
    @Test(arguments: [Activation.relu, .leakyReLU(slope: Rational(1, 4)), .abs])
    func canonicaliserScaleIsTheRescalingAction(activation: Activation) throws {
        let net = try Self.network(activation, seed: 5)
        let g = ParameterGraph(net)
        for move in SymmetryMove.all(graph: g) {
            guard case .rescaling(let unit) = move.kind else { continue }
            let c = Rational(3, 2)
            let replayed = try CanonicalizationRecord(steps: [.scale(unit: unit, factor: c)]).replay(on: net)
            #expect(replayed.parameterVector == move.apply(to: g.values, t: c - 1), "\(unit)")
        }
    }

    /// θ after applying `moves` in turn, each at the value of its `weight` parameter (the
    /// transfer's end point t = w), then the network with `emptied` removed by the canonicaliser.
    static func transferred(_ net: Network, _ g: ParameterGraph, _ moves: [(SymmetryMove, weight: Int)], emptied: UnitID) throws -> [Rational]? {
        var theta = g.values
        for (move, weight) in moves {
            guard let next = move.apply(to: theta, t: g.values[weight]) else { return nil }
            theta = next
        }
        return try CanonicalizationRecord(steps: [.remove(unit: emptied)]).replay(on: net.withParameterVector(theta)).parameterVector
    }

    /// The canonicaliser's `.merge(unit: j, into: i)` is the duplicate moves of (i, j) at
    /// t = v_kj for every k followed by removing j, and `.fold(unit: u, value: act(b_u))` the
    /// constant moves of u at t = v_ku followed by removing u: the steps and the tangents are one
    /// ``OutgoingTransfer``. On random networks of every activation, with plain (c = 2) and
    /// negated (c = −1) duplicates.
    @Test(arguments: activations) func canonicaliserMergeAndFoldAreTheTransferActions(activation: Activation) throws {
        var merges = 0, folds = 0
        for seed in 0..<16 as Range<UInt64> {
            let net = try Self.network(activation, seed: seed)
            let g = ParameterGraph(net)
            let moves = SymmetryMove.all(graph: g)
            let i = UnitID(layer: 1, unit: 0), j = UnitID(layer: 1, unit: 1), u = UnitID(layer: 1, unit: 2)
            if g.duplicateRelation(i, j) != nil {
                let pairs = moves.compactMap { m -> (SymmetryMove, weight: Int)? in
                    guard case .duplicatePair(i, j, let k) = m.kind else { return nil }
                    return (m, g.edgeIndex(from: j, to: k)!)
                }
                #expect(pairs.count == 3)
                let merged = try CanonicalizationRecord(steps: [.merge(unit: j, into: i)]).replay(on: net)
                #expect(try Self.transferred(net, g, pairs, emptied: j) == merged.parameterVector, "seed \(seed)")
                merges += 1
            } else {
                #expect(throws: CanonicalizationError.self) { try CanonicalizationRecord(steps: [.merge(unit: j, into: i)]).replay(on: net) }
            }
            if let value = activation.constantFold(bias: g.bias[u]!.value).offset.exact {
                let trades = moves.compactMap { m -> (SymmetryMove, weight: Int)? in
                    guard case .constantUnit(u, let k?) = m.kind else { return nil }
                    return (m, g.edgeIndex(from: u, to: k)!)
                }
                #expect(trades.count == 3)
                let folded = try CanonicalizationRecord(steps: [.fold(unit: u, value: SymbolicConstant(value))]).replay(on: net)
                #expect(try Self.transferred(net, g, trades, emptied: u) == folded.parameterVector, "seed \(seed)")
                folds += 1
            }
        }
        #expect(merges >= 4)
        #expect(folds >= 4)
    }

    /// The algebra at c = −1 is the flip each activation admits.
    @Test func flipsAreTheRelationAtMinusOne() {
        #expect(Activation.tanh.flipKind == .odd)
        #expect(Activation.sigmoid.flipKind == .oddWithOffset(1))
        #expect(Activation.abs.flipKind == .even)
        #expect(Activation.relu.flipKind == nil && Activation.identity.flipKind == nil)
        #expect(Activation.relu.scalingRelation(at: 3) == ScalingRelation(c: 3, rho: 3, kappa: 0))
        #expect(Activation.tanh.scalingRelation(at: 3) == nil)
    }
}

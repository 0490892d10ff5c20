import Exact
import LinearAlgebra
import Networks
import Testing
@testable import Rank
import Symmetries

/// Regions of small probability and kinks far from the mean: the line walks must find them.
@Suite struct RegionSearchTests {
    static func q(_ p: Int, _ d: Int = 1) -> Rational { Rational(p, d) }

    /// 1-4-1 ReLU with kinks at x = 3, 4, 5, 6.
    static func farKinks(domain: InputDomain) throws -> Network {
        var net = try Network.mlp(
            widths: [1, 4, 1], activations: [.relu, .identity],
            weights: [[[1], [1], [1], [1]].map { $0.map { Rational($0) } }, [[1, -2, 3, -4].map { Rational($0) }]],
            biases: [[-3, -4, -5, -6].map { Rational($0) }, [0]])
        net.inputDomain = domain
        return net
    }

    /// Every kink of the 1-4-1 network is crossed with positive probability under N(0, 1), so
    /// the functional dimension there is P − 4 = 9, as on the box [−10, 10].
    @Test func kinksFarFromTheGaussianMeanCount() throws {
        for domain in [InputDomain.gaussian(mean: 0, standardDeviation: 1), .box(lower: [-10], upper: [10])] {
            let a = try RankAnalysis.run(try Self.farKinks(domain: domain))
            #expect(a.parameterCount == 13)
            #expect(a.rank == 9, "\(domain)")
            #expect(a.coverage.allSatisfy { $0.behaviour == .crossed })
            #expect(a.hidden == 0)
        }
    }

    /// 2-3-2-1 ReLU under N(0, I): layer2.unit0 = relu(h₀ + ⅔h₁ − ½h₂ − 21/4) is active with
    /// probability ≈ 1.2·10⁻⁴ (Monte Carlo, 4·10⁶ draws).
    static func deepRareUnit(skip: Bool) throws -> Network {
        let layer1 = Layer(
            activation: .relu, weights: Matrix(rowArrays: [[q(1), q(1, 2)], [q(-1, 3), q(1)], [q(1, 2), q(-3, 4)]])!,
            bias: [q(1, 4), q(-1, 5), q(1, 3)], source: 0)
        var connections = [Connection(source: 1, weights: Matrix(rowArrays: [[q(1), q(2, 3), q(-1, 2)], [q(-1, 2), q(1, 3), q(1)]])!)]
        // With the skip connection x → layer 2 the rare unit gets + x₀/2 + x₁/3 and bias −15/2
        // (probability ≈ 0.9·10⁻⁴).
        if skip { connections.append(Connection(source: 0, weights: Matrix(rowArrays: [[q(1, 2), q(1, 3)], [q(1, 4), q(-1)]])!)) }
        let layer2 = Layer(units: 2, activation: .relu, connections: connections, bias: [skip ? q(-15, 2) : q(-21, 4), q(1, 7)])
        let layer3 = Layer(activation: .identity, weights: Matrix(rowArrays: [[q(3, 2), q(-2)]])!, bias: [q(1, 5)], source: 2)
        return try Network(inputCount: 2, layers: [layer1, layer2, layer3], inputDomain: .gaussian(mean: 0, standardDeviation: 1))
    }

    /// The rank bound the known symmetries allow when every kink is crossed.
    static func bound(_ net: Network) -> Int {
        let graph = ParameterGraph(net)
        let tangents = SymmetryTangent.all(graph: graph, coverage: [])
        var rows = IncrementalRowEchelon([])
        for t in tangents where t.isExact {
            var v = [Rational](repeating: .zero, count: net.parameterCount)
            for e in t.entries { v[e.index] = e.exact! }
            _ = rows.insert(v)
        }
        return net.parameterCount - rows.rank
    }

    @Test(arguments: [false, true])
    func aRareSecondLayerUnitIsFoundAndTheBoundReached(skip: Bool) throws {
        let net = try Self.deepRareUnit(skip: skip)
        let rare = UnitID(layer: 2, unit: 0)
        // Random points and kink clusters alone see the rare unit at too few points…
        let blind = try RankAnalysis.run(net, options: RankOptions(lineWalks: 0))
        #expect(blind.rank < Self.bound(net))
        // …the line walks find it, and the rank reaches the symmetry bound.
        let a = try RankAnalysis.run(net)
        #expect(a.coverage.first { $0.unit == rare }?.behaviour == .crossed)
        // The hit-and-run chain tops the rare side up to twice the unit's incoming parameter count.
        #expect((a.coverage.first { $0.unit == rare }?.positive ?? 0) >= 2 * (net.layers[1].connections.reduce(0) { $0 + $1.weights.columns } + 1))
        #expect(a.batch.lineWalkPointCount > 0)
        #expect(a.rank == Self.bound(net))
        #expect(a.hidden == 0)
        #expect(a.exact?.certificateVerified == true)
    }

    /// A growth round that raises the rank by less than the minimum gain per new point ends the
    /// growth as a budget does: the bracket keeps its directions undetermined.
    @Test func aRoundBuyingLittleRankEndsTheGrowthWithABracket() throws {
        let net = try Self.deepRareUnit(skip: true)
        var options = RankOptions(extraPoints: 0, lineWalks: 1)
        options.minimumRankGain = 0
        let slow = try RankAnalysis.run(net, options: options)
        // Without the stop the blind batch grows more than once and its rank still rises in a round…
        let rises = zip(slow.growth, slow.growth.dropFirst()).filter { $1.rank > $0.rank }
        let (before, after) = try #require(rises.first)
        // …so a minimum gain above that round's gain per point ends the growth right there.
        options.minimumRankGain = Double(after.rank - before.rank) / Double(after.points - before.points) * 1.5
        let a = try RankAnalysis.run(net, options: options)
        #expect(a.bracket.stop == .slowGrowth)
        #expect(a.bracket.stop.isBudget)
        #expect(a.growth.count == slow.growth.firstIndex { $0 == after }.map { $0 + 1 })
        #expect(a.bracket.undetermined == a.bracket.bound - a.bracket.seen)
        options.minimumRankGain = 2
        #expect(throws: RankError.self) { try RankAnalysis.run(net, options: options) }
    }

    @Test func aBadLineWalkCountIsRefused() throws {
        let net = try Self.farKinks(domain: .box(lower: [-10], upper: [10]))
        #expect(throws: RankError.self) { try RankAnalysis.run(net, options: RankOptions(lineWalks: -1)) }
    }
}

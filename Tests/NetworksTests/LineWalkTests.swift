import Exact
import LinearAlgebra
import Networks
import PropertyBased
import Testing

@Suite struct LineWalkTests {
    /// 1-4-1 ReLU with kinks at x = 3, 4, 5, 6.
    static func farKinks() throws -> Network {
        try Network.mlp(
            widths: [1, 4, 1], activations: [.relu, .identity],
            weights: [[[1], [1], [1], [1]].map(rationals), [rationals([1, -2, 3, -4])]],
            biases: [rationals([-3, -4, -5, -6]), rationals([0])])
    }

    @Test func theWholeLineFindsEveryKinkOfOneLayer() throws {
        let walk = try Self.farKinks().walkLine(origin: [0], direction: [1])
        #expect(walk.breakpoints.map(\.t) == rationals([3, 4, 5, 6]))
        #expect(walk.breakpoints.map(\.units) == (0..<4).map { [UnitID(layer: 1, unit: $0)] })
        #expect(walk.pieces.count == 5)
        #expect(walk.pieces.first?.lower == nil && walk.pieces.last?.upper == nil)
        #expect(walk.pieces.map { $0.signs[0].filter { $0 > 0 }.count } == [0, 1, 2, 3, 4])
        #expect(!walk.truncated)
    }

    @Test func aSegmentSeesOnlyItsOwnKinksAndTheBudgetTruncates() throws {
        let net = try Self.farKinks()
        let segment = try net.walkLine(origin: [0], direction: [1], lower: Rational(7, 2), upper: 5)
        #expect(segment.breakpoints.map(\.t) == [4])
        #expect(segment.pieces.map(\.interior) == [Rational(15, 4), Rational(9, 2)])
        let short = try net.walkLine(origin: [0], direction: [1], maximumPieces: 2)
        #expect(short.truncated && short.pieces.count == 2 && short.breakpoints.count == 1)
    }

    /// A second-layer kink: layer2.unit0 = relu(relu(x) + relu(−x) − 5) vanishes at x = ±5,
    /// inside the first layer's pieces.
    @Test func secondLayerKinksAreFoundInsideFirstLayerPieces() throws {
        let net = try Network.mlp(
            widths: [1, 2, 1, 1], activations: [.relu, .relu, .identity],
            weights: [[[1], [-1]].map(rationals), [rationals([1, 1])], [rationals([1])]],
            biases: [rationals([0, 0]), rationals([-5]), rationals([0])])
        let walk = try net.walkLine(origin: [0], direction: [1])
        #expect(walk.breakpoints.map(\.t) == rationals([-5, 0, 5]))
        #expect(walk.breakpoints.map(\.units) == [[UnitID(layer: 2, unit: 0)], [UnitID(layer: 1, unit: 0), UnitID(layer: 1, unit: 1)], [UnitID(layer: 2, unit: 0)]])
    }

    @Test func analyticActivationsHaveNoExactWalk() throws {
        let net = try Network.mlp(widths: [1, 1, 1], activations: [.tanh, .identity], weights: [[[1]], [[1]]].map { $0.map(rationals) }, biases: [nil, nil])
        #expect(throws: NetworkError.self) { try net.walkLine(origin: [0], direction: [1]) }
    }

    /// Against exact evaluation: every point of a piece has the piece's signs and the network is
    /// affine there; every breakpoint puts its units exactly on their kinks.
    @Test func piecesAgreeWithExactEvaluation() async throws {
        let weights = Gen<Int>.int(in: -6...6).array(of: 3 * 2 + 3 * 3 + 3 + 3 + 3 + 1)
        await propertyCheck(input: weights, Gen<Int>.int(in: -9...9).array(of: 4)) { w, line in
            let net = try Network.mlp(
                widths: [2, 3, 3, 1], activations: [.relu, .abs, .identity],
                weights: [
                    stride(from: 0, to: 6, by: 2).map { rationals(Array(w[$0..<($0 + 2)])) },
                    stride(from: 6, to: 15, by: 3).map { rationals(Array(w[$0..<($0 + 3)])) },
                    [rationals(Array(w[15..<18]))],
                ],
                biases: [rationals(Array(w[18..<21])), rationals(Array(w[21..<24])), rationals([w[24]])])
            let origin = [Rational(line[0], 3), Rational(line[1], 2)]
            var direction = [Rational(line[2]), Rational(line[3])]
            if direction.allSatisfy(\.isZero) { direction = [1, 0] }
            let walk = try net.walkLine(origin: origin, direction: direction, lower: -20, upper: 20)
            #expect(walk.pieces.count == walk.breakpoints.count + 1)
            for (k, piece) in walk.pieces.enumerated() {
                let lo = piece.lower!, hi = piece.upper!
                let ts = [piece.interior, lo + (hi - lo) / 7, hi - (hi - lo) / 5]
                let values = try ts.map { t in try net.evaluateExactly(walk.point(at: t)) }
                for v in values {
                    let seen = net.layers.indices.map { l in net.layers[l].activation.hasKink ? v.preActivations[l + 1].map { Int8($0.signum) } : [] }
                    #expect(seen == piece.signs)
                }
                // Affine along the piece: equal slopes between the three points.
                let f = values.map { $0.outputs[0] }
                #expect((f[1] - f[0]) * (ts[2] - ts[0]) == (f[2] - f[0]) * (ts[1] - ts[0]))
                if k > 0 {
                    let b = walk.breakpoints[k - 1]
                    #expect(b.t == lo)
                    let at = try net.evaluateExactly(walk.point(at: b.t))
                    for u in b.units { #expect(at.preActivations[u.layer][u.unit].isZero) }
                }
            }
        }
    }
}

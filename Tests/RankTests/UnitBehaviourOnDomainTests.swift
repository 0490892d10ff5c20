import Exact
import Networks
import PropertyBased
import Testing
@testable import Rank

/// The interval proof is sound: a unit it calls dead (linear) never has a positive (negative)
/// pre-activation at any point of the box — checked exactly at the box's corners and at random
/// grid points of random small networks.
@Suite struct UnitBehaviourOnDomainTests {
    @Test func provenUnitsNeverLeaveTheirPiece() async throws {
        let weights = Gen<Int>.int(in: -4...4).array(of: 2 * 3 + 3 + 3 * 3 + 3 + 3 + 1)
        await propertyCheck(input: weights, Gen<Int>.int(in: 0...1000).array(of: 12)) { w, grid in
            let net = try Network.mlp(
                widths: [2, 3, 3, 1], activations: [.relu, .relu, .identity],
                weights: [
                    stride(from: 0, to: 6, by: 2).map { Array(w[$0..<($0 + 2)]).map { Rational($0) } },
                    stride(from: 9, to: 18, by: 3).map { Array(w[$0..<($0 + 3)]).map { Rational($0) } },
                    [Array(w[21..<24]).map { Rational($0) }],
                ],
                biases: [Array(w[6..<9]).map { Rational($0, 2) }, Array(w[18..<21]).map { Rational($0, 2) - 3 }, [Rational(w[24])]])
            let proven = UnitBehaviourOnDomain.onBox(net, lower: [-1, -1], upper: [1, 1])
            var points: [[Rational]] = [[-1, -1], [-1, 1], [1, -1], [1, 1]]
            for k in stride(from: 0, to: 12, by: 2) { points.append([Rational(grid[k] - 500, 500), Rational(grid[k + 1] - 500, 500)]) }
            for x in points {
                let e = try net.evaluateExactly(x)
                for p in proven {
                    let z = e.preActivations[p.unit.layer][p.unit.unit]
                    if p.behaviour == .dead { #expect(z.signum <= 0) } else { #expect(z.signum >= 0) }
                }
            }
        }
    }
}

import Exact
import Foundation
import LinearAlgebra
import NetworkFormats
import Networks
import Testing
@testable import Rank

/// A finite data set as the domain: the batch is the data, and its rank is the functional
/// dimension there.
@Suite struct DataDomainTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// 1-2-1 ReLU with kinks at x = 0 and x = 1/2.
    static func small() throws -> Network {
        try Network.mlp(
            widths: [1, 2, 1], activations: [.relu, .identity],
            weights: [[[Rational(1)], [Rational(-2)]], [[Rational(3), Rational(1)]]], biases: [[0, 1], [0]])
    }

    /// Two points in each of the three pieces x < 0, 0 < x < 1/2, x > 1/2 pin the function
    /// down: the rank is P − 2 rescalings = 5.
    @Test func theBatchIsTheDataAndItsRankIsDecided() throws {
        let points: [[Rational]] = [[-1], [Rational(-1, 2)], [Rational(1, 8)], [Rational(3, 8)], [Rational(3, 4)], [1]]
        let a = try RankAnalysis.run(try Self.small(), options: RankOptions(domain: .data(points: points)))
        #expect(a.batch.points == points)
        #expect(a.batch.origins.allSatisfy { $0 == .data })
        #expect(a.batch.coversDataSet)
        #expect(a.rank == 5 && a.growth.count == 1)
    }

    /// A data point exactly on a kink has no Jacobian row: it is left out and counted.
    @Test func pointsOnAKinkAreLeftOut() throws {
        let points: [[Rational]] = [[-1], [0], [Rational(1, 2)], [Rational(1, 4)], [Rational(3, 4)]]
        let a = try RankAnalysis.run(try Self.small(), options: RankOptions(domain: .data(points: points)))
        #expect(a.batch.count == 3 && a.batch.dataOnKink == 2)
        #expect(a.batch.coversDataSet)
    }

    /// More points than the budget: a seeded subset, reproducible, and no longer the whole set.
    @Test func aLargeDataSetIsSubsampledAndSaysSo() throws {
        let points = (0..<50).map { [Rational($0 - 25, 10)] }
        let options = RankOptions(domain: .data(points: points), maximumPoints: 20)
        let a = try RankAnalysis.run(try Self.small(), options: options)
        let b = try RankAnalysis.run(try Self.small(), options: options)
        #expect(a.batch.count + a.batch.dataOnKink == 20 && !a.batch.coversDataSet)
        #expect(a.batch.points == b.batch.points)
        #expect(Set(a.batch.points).isSubset(of: Set(points)))
    }

    @Test func inputsOfTheWrongLengthAreRefused() throws {
        #expect(throws: RankError.self) { try RankAnalysis.run(try Self.small(), options: RankOptions(domain: .data(points: [[1, 2]]))) }
        #expect(throws: RankError.self) { try RankAnalysis.run(try Self.small(), options: RankOptions(domain: .data(points: []))) }
    }

    /// The scikit-learn digits inputs (`examples/digits/make_digits.py`): the rank over exactly
    /// those 1797 points equals the rank of the Jacobian built here from the closed form of a
    /// one-hidden-layer network's gradient (∂f/∂W_ij = v_i·[z_i > 0]·x_j, ∂f/∂b_i = v_i·[z_i > 0],
    /// ∂f/∂v_i = relu(z_i), ∂f/∂c = 1) and ranked by LAPACK's SVD, and the rank numpy found.
    @Test func digitsRankIsTheRankOfTheJacobianOverExactlyThosePoints() throws {
        let dir = Self.root.appendingPathComponent("examples/digits")
        let data = try InputDataReader.read(path: dir.appendingPathComponent("digits.npy").path)
        let net = try NetworkReader.read(path: dir.appendingPathComponent("digits-64-6-1.json").path)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("expected.json"))) as? [String: Int]
        #expect(data.rows.count == 1797 && data.columns == 64)

        let a = try RankAnalysis.run(net, options: RankOptions(domain: .data(points: data.rows)))
        #expect(a.batch.count == 1797 && a.batch.coversDataSet && a.batch.dataOnKink == 0)
        #expect(a.exact?.certificateVerified == true)

        // The independent Jacobian, in Double (every value is a short dyadic or decimal).
        let W = net.layers[0].connections[0].weights.map(\.doubleValue), b = net.layers[0].bias!.map(\.doubleValue)
        let v = net.layers[1].connections[0].weights.map(\.doubleValue)
        let H = W.rows, n = W.columns
        var rows: [[Double]] = []
        for x in data.rows.map({ $0.map(\.doubleValue) }) {
            var row: [Double] = []
            var tail: [Double] = []
            for i in 0..<H {
                var z = b[i]
                for j in 0..<n { z += W[i, j] * x[j] }
                let on = z > 0 ? 1.0 : 0.0
                row += x.map { v[0, i] * on * $0 } + [v[0, i] * on]
                tail.append(Swift.max(z, 0))
            }
            rows.append(row + tail + [1])
        }
        let J = try #require(Matrix(rowArrays: rows, columns: net.parameterCount))
        let s = try J.singularValues()
        let cut = (s.first ?? 0) * Double(Swift.max(J.rows, J.columns)) * Double.ulpOfOne
        let independent = s.filter { $0 > cut }.count
        #expect(a.rank == independent)
        #expect(a.rank == expected?["rank"])
        #expect(a.numeric.rank == a.rank)
    }
}

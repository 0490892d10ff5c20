import Foundation
import Identifiability
import Testing

/// The Swift snippets of the DocC articles (`Sources/Identifiability/Identifiability.docc`), with
/// the values their comments show. If one of these fails, fix the article too.
struct ArticleSnippetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func example(_ name: String) throws -> Network {
        try NetworkReader.read(path: root.appendingPathComponent("examples/\(name).json").path)
    }

    /// GettingStarted.md
    @Test func gettingStarted() throws {
        let network = try Self.example("relu-2-2-1")
        #expect(network.parameterCount == 9)
        #expect(try network.evaluateExactly([Rational(1, 2), Rational(-1)]).outputs == [Rational(113, 56)])
        #expect(Array(network.parameters.map(\.description).prefix(3)) == ["layer1.unit0.weight[0]", "layer1.unit0.weight[1]", "layer1.unit0.bias"])
        let rescaled = try Self.example("relu-2-2-1-rescaled")
        let result = try Equivalence.decide(network, rescaled)
        #expect(result.verdict == .equivalent(basis: "equal canonical forms; every canonicalisation step preserves the function exactly"))
        let report = try Analysis.check(try Self.example("tanh-duplicate-pair"))
        #expect(report.verdict == .reducible)
        #expect(report.findings.map(\.code) == [.reducible])
        #expect(report.functionalDimension == 9)
    }

    /// ReducibleNetworks.md: the cascade, and replaying the record.
    @Test func reducibleNetworks() throws {
        let network = try Self.example("tanh-cascade")
        let form = try Canonicalizer().canonicalize(network)
        #expect(form.network.widths == [1, 1, 1, 1])
        #expect(form.removedUnits.count == 3)
        #expect(form.inputSymmetry.description == "2!·3! permutations × 2⁵ flips")
        #expect(try form.record.replay(on: network) == form.network)
    }

    /// FunctionalDimension.md: the bracket after a budget of four points.
    @Test func functionalDimensionBracket() throws {
        var options = RankOptions()
        options.maximumPoints = 4
        let analysis = try Analysis.rank(try Self.example("tanh-1-3-1"), options: options)
        #expect("\(analysis.bracket.seen) \(analysis.bracket.bound) \(analysis.bracket.stop)" == "4 10 pointBudget")
    }

    /// ExactVsNumericRank.md: the certificate from selected rows equals the whole matrix's.
    @Test func selectedRowsCertificate() throws {
        let A = Matrix<Rational>(rowArrays: [[1, 2, 3], [2, 4, 6], [1, 0, 1]], columns: 3)!
        let result = try #require(A.exactRank(selectedRows: [0, 2]))
        #expect(result.rank == 2 && result.certificate.verify(against: A))
        #expect(A.exactRank(selectedRows: [0, 1]) == nil)
    }

    /// FunctionalDimension.md: rank 7 on a batch crossing both kinks; 3 where both units are active.
    @Test func functionalDimension() throws {
        let network = try Self.example("relu-2-2-1")
        let points: [[Rational]] = [[-1, -1], [-1, 1], [1, -1], [1, 1],
                                    [0, Rational(1, 3)], [Rational(1, 2), 0], [Rational(-1, 3), Rational(1, 5)],
                                    [Rational(1, 4), Rational(3, 4)], [Rational(-3, 4), Rational(-1, 2)],
                                    [Rational(2, 3), Rational(-2, 3)], [Rational(1, 5), Rational(-1, 7)]]
        let J = try network.exactJacobian(at: points)
        #expect(J.rows == 11 && J.columns == 9)
        let rank = J.exactRank()
        #expect(rank.rank == 7)
        #expect(rank.certificate.nullVectors.count == 2)
        let activeOnly: [[Rational]] = [[1, Rational(1, 2)], [Rational(1, 2), Rational(1, 2)], [1, 1],
                                        [Rational(1, 2), 1], [Rational(1, 4), Rational(1, 2)]]
        #expect(try network.exactJacobian(at: activeOnly).exactRank().rank == 3)
    }

    /// ExactVsNumericRank.md: a certified rank of a small matrix.
    @Test func exactRank() throws {
        let A = try #require(Matrix<Rational>(rowArrays: [[1, 2, 3], [2, 4, 6], [1, 0, 1]], columns: 3))
        let result = A.exactRank()
        #expect(result.rank == 2)
        #expect(result.certificate.nullVectors == [[-1, -1, 1]])
        #expect(result.certificate.verify(against: A))
    }

    /// HiddenSymmetries.md: the always-active unit's hidden direction, and the dead unit's.
    @Test func hiddenSymmetries() throws {
        let points: [[Rational]] = [[-1], [Rational(-1, 2)], [0], [Rational(1, 2)], [1], [Rational(1, 3)], [Rational(-3, 4)], [Rational(7, 8)]]
        let active = try Self.example("relu-stably-active")
        #expect(active.parameterCount == 7)
        #expect(try active.exactJacobian(at: points).exactRank().rank == 4)
        let dead = try Self.example("relu-dead-unit")
        #expect(try dead.exactJacobian(at: points).exactRank().rank == 3)
    }
}

import Testing
@testable import Identifiability
@testable import Rank

/// A growth budget too small for the batch to reach the rank the symmetries allow ends with a
/// bracket seen ≤ functional dimension ≤ bound, finding NNID009 and the verdict "undetermined" —
/// never "identifiable", and no hidden degeneracy claimed; with the default budget the same
/// network is decided.
@Suite struct BracketTests {
    /// tanh 3-6-1 with generic weights: P = 31 and no continuous symmetry, so the bound is 31;
    /// a budget of 8 points (8 Jacobian rows, no kinks to cluster at) cannot reach it.
    static let network: Network = {
        let w: [[Rational]] = (0..<6).map { i in (0..<3).map { j in Rational((7 * i + 3 * j) % 11 - 5, 4 + (i + j) % 3) } }
        let b: [Rational] = (0..<6).map { Rational($0 * 2 - 5, 9) }
        let v: [Rational] = (0..<6).map { Rational(($0 % 2 == 0 ? 1 : -1) * ($0 + 2), 3) }
        return try! Network.mlp(widths: [3, 6, 1], activations: [.tanh, .identity], weights: [w, [v]], biases: [b, [Rational(1, 2)]])
    }()

    @Test func pointBudgetEndsWithABracketAndNNID009() throws {
        var options = RankOptions()
        options.maximumPoints = 8
        let report = try Analysis.check(Self.network, options: CheckOptions(rank: options))
        let bracket = report.analysis.bracket
        #expect(bracket.stop == .pointBudget)
        #expect(bracket.seen == report.analysis.rank)
        #expect(bracket.bound == Self.network.parameterCount)
        #expect(bracket.seen < bracket.bound && bracket.undetermined == bracket.bound - bracket.seen)
        #expect(report.verdict == .undetermined)
        #expect(report.findings.contains { $0.code == .undeterminedDirections })
        #expect(!report.findings.contains { $0.code == .hiddenDegeneracy })
        #expect(report.analysis.text.contains("bracket:               \(bracket.seen) ≤ functional dimension ≤ \(bracket.bound)"))
        #expect(!report.findings.isEmpty)  // the command line exits 1 on findings

        let full = try Analysis.check(Self.network)
        #expect(full.analysis.bracket.isDecided && full.analysis.bracket.undetermined == 0)
        #expect(full.verdict == .identifiable)
        #expect(!full.analysis.text.contains("bracket:"))
    }

    /// An interruption requested before the analysis lets the first round finish and stops the
    /// growth there: the report is the bracket of that round.
    @Test func interruptionEndsWithTheBracketSoFar() throws {
        var options = RankOptions()
        options.maximumPoints = 8
        options.interruption = RankInterruption()
        options.interruption?.request()
        let report = try Analysis.check(Self.network, options: CheckOptions(rank: options))
        #expect(report.analysis.bracket.stop == .interrupted)
        #expect(report.verdict == .undetermined)
        let finding = try #require(report.findings.first { $0.code == .undeterminedDirections })
        #expect(finding.notes[0].contains("the analysis was interrupted"))
    }

    @Test func timeBudgetIsValidated() {
        var options = RankOptions()
        options.maximumSeconds = 0
        #expect(throws: RankError.self) { try Analysis.rank(Self.network, options: options) }
        options.maximumSeconds = .infinity
        #expect(throws: RankError.self) { try Analysis.rank(Self.network, options: options) }
    }
}

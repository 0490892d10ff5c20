import Testing
@testable import Identifiability
@testable import Rank

/// Every finding code has a network that triggers it and one that does not.
@Suite struct FindingTests {
    static func relu121(w: [Rational], b: [Rational], v: [Rational]) throws -> Network {
        try Network.mlp(widths: [1, 2, 1], activations: [.relu, .identity], weights: [w.map { [$0] }, [v]], biases: [b, [Rational(1, 3)]])
    }
    static let generic = { try! Network.mlp(
        widths: [2, 2, 1], activations: [.relu, .identity],
        weights: [[[1, Rational(-1, 2)], [Rational(3, 4), 2]], [[Rational(3, 2), Rational(-5, 4)]]],
        biases: [[Rational(1, 8), Rational(-1, 4)], [Rational(1, 2)]]) }()
    static let tanh = { try! Network.mlp(
        widths: [1, 3, 1], activations: [.tanh, .identity],
        weights: [[[1], [Rational(-3, 2)], [Rational(1, 2)]], [[1, Rational(1, 2), -2]]],
        biases: [[Rational(1, 4), Rational(1, 2), Rational(-1, 3)], [0]]) }()

    func codes(_ net: Network, _ options: RankOptions = RankOptions()) throws -> Set<FindingCode> {
        Set(try Analysis.check(net, options: CheckOptions(rank: options)).findings.map(\.code))
    }

    @Test func genericReluIsIdentifiableWithNoFindings() throws {
        let report = try Analysis.check(Self.generic)
        #expect(report.findings.isEmpty)
        #expect(report.verdict == .identifiable)
        #expect(report.findings.isEmpty)
        #expect(report.functionalDimension == 7)
    }

    @Test func reducibleZeroOutgoingUnit() throws {
        let net = try Self.relu121(w: [1, 2], b: [Rational(1, 4), Rational(-1, 3)], v: [1, 0])
        let report = try Analysis.check(net)
        #expect(report.verdict == .reducible)
        #expect(report.findings.contains { $0.code == .reducible && $0.locations == ["layer1.unit1"] })
        #expect(report.reducedParameterCount < net.parameterCount)
        #expect(!report.findings.isEmpty)
        #expect(try !codes(Self.generic).contains(.reducible))
    }

    @Test func coincidentOpposedReluKinksAreAHiddenDegeneracy() throws {
        // relu(x) − relu(−x) = x: the pair carries a degeneracy no listed symmetry explains.
        let net = try Self.relu121(w: [1, -1], b: [0, 0], v: [1, 2])
        let report = try Analysis.check(net)
        #expect(report.analysis.rank == 4)
        #expect(report.analysis.hidden == 1)
        #expect(report.verdict == .hiddenDegeneracy)
        #expect(report.findings.contains { $0.code == .hiddenDegeneracy })
        #expect(try !codes(Self.generic).contains(.hiddenDegeneracy))
    }

    @Test func toleranceInsideTheSpectrumIsAmbiguous() throws {
        let s = try Analysis.rank(Self.tanh).numeric.singularValues
        let cut = (s[s.count - 2] * s[s.count - 1]).squareRoot()
        #expect(try codes(Self.tanh, RankOptions(tolerance: cut)).contains(.ambiguousRank))
        #expect(try !codes(Self.tanh).contains(.ambiguousRank))
    }

    @Test func tinyWeightMakesNumericRankDisagreeWithExact() throws {
        let tiny = Rational(1, 1).timesPowerOfTwo(-70)
        let net = try Self.relu121(w: [1, -1], b: [Rational(1, 4), Rational(1, 3)], v: [1, tiny])
        let report = try Analysis.check(net)
        #expect(report.analysis.exact?.rank == 5)
        #expect(report.findings.contains { $0.code == .exactNumericDisagreement })
        #expect(try !codes(Self.generic).contains(.exactNumericDisagreement))
    }

    @Test func deadAndAlwaysActiveUnits() throws {
        let dead = try Self.relu121(w: [1, 1], b: [Rational(1, 4), -5], v: [1, 1])
        let active = try Self.relu121(w: [1, 1], b: [Rational(1, 4), 5], v: [1, 1])
        let deadReport = try Analysis.check(dead)
        #expect(deadReport.findings.contains { $0.code == .deadUnit && $0.locations == ["layer1.unit1"] })
        #expect(deadReport.analysis.hidden == 0)
        let activeReport = try Analysis.check(active)
        #expect(activeReport.findings.contains { $0.code == .alwaysActiveUnit && $0.locations == ["layer1.unit1"] })
        #expect(activeReport.analysis.hidden == 0)
        let codes = try codes(Self.generic)
        #expect(!codes.contains(.deadUnit) && !codes.contains(.alwaysActiveUnit))
    }

    @Test func selfCheckFailuresBecomeFindings() throws {
        let net = Self.generic
        let canonical = try Canonicalizer().canonicalize(net)
        let a = try RankAnalysis.run(net)
        #expect(a.tangentsNotInKernel.isEmpty && a.exact?.certificateVerified == true)
        let clean = Analysis.report(net, canonical: canonical, analysis: a)
        #expect(!clean.findings.contains { $0.code == .tangentNotInKernel || $0.code == .certificateFailed })
        let broken = RankAnalysis(
            parameterCount: a.parameterCount, parameterNames: a.parameterNames, outputCount: a.outputCount, domain: a.domain,
            seed: a.seed, batch: a.batch, coverage: a.coverage, growth: a.growth, numeric: a.numeric,
            exact: ExactRankResult(rank: a.rank, certificate: a.exact!.certificate, certificateVerified: false),
            exactSkippedReason: nil, tangents: a.tangents, tangentsNotInKernel: [.rescaling(UnitID(layer: 1, unit: 0))],
            explainedByCategory: a.explainedByCategory, continuousSymmetryDimension: a.continuousSymmetryDimension,
            hiddenDirections: a.hiddenDirections, bracket: a.bracket)
        let codes = Set(Analysis.report(net, canonical: canonical, analysis: broken).findings.map(\.code))
        #expect(codes.contains(.tangentNotInKernel) && codes.contains(.certificateFailed))
    }

    @Test func everyCodeHasAnExplanationNamingIt() {
        for code in FindingCode.allCases {
            #expect(code.explanation.hasPrefix(code.rawValue))
            #expect(FindingCode.named(code.rawValue.lowercased()) == code)
        }
    }

    @Test func jsonIsDeterministic() throws {
        let a = try Analysis.check(Self.generic).json.serialized()
        let b = try Analysis.check(Self.generic).json.serialized()
        #expect(a == b)
    }

    @Test func learningCoefficientBoundsOnlyForAnalyticNetworks() throws {
        let t = try Analysis.check(Self.tanh)
        let r = Rational(t.functionalDimension), P = Rational(t.parameterCount)
        #expect(t.learningCoefficient == LearningCoefficientBounds(lower: r / 2, upper: r / 2 + (P - r) / 4))
        #expect(try Analysis.check(Self.generic).learningCoefficient == nil)
    }
}

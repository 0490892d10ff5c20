import Foundation
import Identifiability
import Testing

/// Units dead or linear on the whole domain make the verdict name them; a unit only dead on the
/// batch, or under a Gaussian (support ℝⁿ), does not.
struct DomainVerdictTests {
    static func example(_ name: String) throws -> Network { try ArticleSnippetTests.example(name) }

    @Test func aUnitDeadOnTheWholeBoxGivesTheDomainVerdict() throws {
        let report = try Analysis.check(try Self.example("relu-dead-unit"))
        #expect(report.verdict == .degenerateOnDomain)
        #expect(report.analysis.onWholeDomain.map(\.unit) == [UnitID(layer: 1, unit: 1)])
        #expect(report.analysis.onWholeDomain.first?.behaviour == .dead)
        #expect(report.text.contains("verdict: degenerate on this domain: layer1.unit1 dead"))
        #expect(report.findings.contains { $0.code == .deadUnit && $0.message == "layer1.unit1 is dead on the whole domain" })
    }

    @Test func aStablyActiveUnitIsNamedLinear() throws {
        let report = try Analysis.check(try Self.example("relu-stably-active"))
        #expect(report.verdict == .degenerateOnDomain)
        #expect(report.analysis.onWholeDomain.first?.behaviour == .linear(slope: 1))
    }

    /// Under N(0, 1) the same unit switches on for x < −2, which has positive probability.
    @Test func aGaussianDomainProvesNothingDead() throws {
        var net = try Self.example("relu-dead-unit")
        net.inputDomain = .gaussian(mean: 0, standardDeviation: 1)
        let report = try Analysis.check(net)
        #expect(report.analysis.onWholeDomain.isEmpty)
        #expect(report.verdict != .degenerateOnDomain)
    }

    @Test func aGenericNetworkKeepsItsVerdict() throws {
        let report = try Analysis.check(try Self.example("relu-2-2-1"))
        #expect(report.analysis.onWholeDomain.isEmpty && report.verdict == .identifiable)
    }
}

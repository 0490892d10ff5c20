import Foundation
import Testing

/// `--ambiguity-ratio R` sets the gap σ_r/σ_{r+1} below which `check` and `rank` call the numeric
/// rank ambiguous. R must be a number in (1, 10¹⁵]; anything else is a usage error (exit 64)
/// naming the option, before anything runs. tanh(x) + tanh(1.001·x) has full rank 7 with
/// σ₇/τ ≈ 46: ambiguous at the default 1000 and at 100, clear at 10.
@Suite struct AmbiguityRatioOptionTests {
    static let nearDuplicate = "examples/tanh-near-duplicate.json"

    @Test(arguments: ["1", "0.5", "0", "nan", "inf", "1e16", "abc", "--ambiguity-ratio=-3"])
    func refusedRatiosAreUsageErrors(value: String) throws {
        let option = value.hasPrefix("--") ? [value] : ["--ambiguity-ratio", value]
        for command in ["check", "rank"] {
            let r = try CLI.run([command, Self.nearDuplicate] + option)
            #expect(r.status == 64, "\(command) \(value): \(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("--ambiguity-ratio"), "\(r.stderr)")
        }
    }

    @Test func anOutOfRangeRatioSaysTheRange() throws {
        let r = try CLI.run(["rank", Self.nearDuplicate, "--ambiguity-ratio", "1"])
        #expect(r.stderr.contains("--ambiguity-ratio must be in (1, 10¹⁵]"), "\(r.stderr)")
    }

    @Test func aLooseRatioClearsTheShallowCut() throws {
        let r = try CLI.run(["check", Self.nearDuplicate, "--ambiguity-ratio", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("ambiguous") && !r.stdout.contains("NNID003"))
        #expect(r.stdout.contains("verdict: locally identifiable up to its symmetries"))
    }

    @Test func theReportNamesTheRatioUsed() throws {
        let r = try CLI.run(["rank", Self.nearDuplicate, "--ambiguity-ratio", "100"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("tolerance:") })
        #expect(line.contains("(ambiguous: σ7/τ = ") && line.hasSuffix(", below 100)"), "\(line)")
        let check = try CLI.run(["check", Self.nearDuplicate, "--ambiguity-ratio", "100"])
        #expect(check.status == 1 && check.stdout.contains("warning[NNID003]"))
    }

    @Test func theJSONReportFollowsTheRatio() throws {
        for (ratio, ambiguous) in [("1000", true), ("10", false), ("1e15", true)] {
            let r = try CLI.run(["rank", Self.nearDuplicate, "--format", "json", "--ambiguity-ratio", ratio])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let numeric = try #require(json["numeric"] as? [String: Any])
            #expect(numeric["ambiguous"] as? Bool == ambiguous, "ratio \(ratio)")
        }
    }
}

import Foundation
import Testing

@testable import Identifiability

/// The rank analysis's JSON carries the Gram method's evidence as `"gram"` when the Gram engine
/// ran, and its members hold the mathematics the `Gram method:` line states: the Schur
/// deflation's rank is r₁ + r_S, its gap is lower/upper, a clear rank has its lower bound above
/// the cut, each growth round's rank is r + s. The text is parsed by Foundation's parser, so it
/// is valid JSON whatever the numbers are.
@Suite struct GramEvidenceJSONTests {
    static let gramKeys = [
        "rows", "pivot_rank", "sigma1", "floor", "cut", "floor_above_requested_cut", "leading_smallest", "null_bound",
        "gap", "ambiguous", "deflation", "deflation_refused", "fallback", "replaced", "read_by_growth", "growth_rounds",
    ]
    static let deflationKeys = [
        "leading_rank", "leading_smallest", "trailing_columns", "zero_columns", "residuals", "w_norm", "floor", "cut",
        "trailing_rank", "rank", "lower_bound", "upper_bound", "gap", "ambiguous",
    ]
    static let roundKeys = [
        "rows", "new_rows", "previous_rank", "null_columns", "new_directions", "rank", "cut", "beta", "lambda",
        "new_rows_norm", "coupling", "lower", "upper", "gap", "lower_is_bound", "settled", "refusal",
    ]

    /// `nnid rank NAME --factorization gram --format json`, parsed by Foundation.
    static func rankJSON(_ name: String, factorization: FactorizationMethod = .gram) throws -> [String: Any] {
        var options = RankOptions()
        options.factorization = factorization
        let analysis = try Analysis.rank(try ArticleSnippetTests.example(name), options: options)
        return try #require(try JSONSerialization.jsonObject(with: Data(analysis.json.serialized().utf8)) as? [String: Any])
    }

    static func number(_ object: [String: Any], _ key: String) throws -> Double {
        try #require((object[key] as? NSNumber)?.doubleValue, "\(key) is not a number")
    }

    static func integer(_ object: [String: Any], _ key: String) throws -> Int {
        try #require((object[key] as? NSNumber)?.intValue, "\(key) is not a number")
    }

    /// x and y agree to a relative 10⁻¹² (their ratio went through decimal text).
    static func agree(_ x: Double, _ y: Double) -> Bool { Swift.abs(x - y) <= 1e-12 * Swift.max(Swift.abs(x), Swift.abs(y)) }

    /// relu-2-2-1 (P = 9): the Gram floor hides the cut, the deflation of the 7 pivot columns reads
    /// it from J's rows and finds rank 7 = the reported rank, clear: σ₇ ≥ lower > cut ≥ σ₈'s bound.
    @Test func theDeflationsMembersHoldItsBounds() throws {
        let json = try Self.rankJSON("relu-2-2-1")
        let gram = try #require(json["gram"] as? [String: Any])
        #expect(Set(gram.keys) == Set(Self.gramKeys))
        let numeric = try #require(json["numeric"] as? [String: Any])
        #expect(gram["read_by_growth"] as? Bool == false && gram["replaced"] as? Bool == false)
        #expect(try Self.integer(gram, "rows") == Self.integer(numeric, "rows"))
        #expect(try Self.number(gram, "floor") <= Self.number(gram, "cut") && Self.number(gram, "sigma1") > 0)
        let d = try #require(gram["deflation"] as? [String: Any])
        #expect(Set(d.keys) == Set(Self.deflationKeys))
        let r1 = try Self.integer(d, "leading_rank"), rS = try Self.integer(d, "trailing_rank")
        #expect(try r1 + rS == Self.integer(d, "rank") && r1 + rS == Self.integer(numeric, "rank"))
        #expect(try r1 <= Self.integer(gram, "pivot_rank"))
        #expect(try r1 + Self.integer(d, "trailing_columns") + Self.integer(d, "zero_columns") == Self.integer(json, "parameters"))
        #expect(try rS <= Self.integer(d, "trailing_columns"))
        let residuals = try #require(d["residuals"] as? [NSNumber])
        #expect(!residuals.isEmpty)
        #expect(d["ambiguous"] as? Bool == false && gram["ambiguous"] as? Bool == false && numeric["ambiguous"] as? Bool == false)
        let lower = try Self.number(d, "lower_bound"), upper = try Self.number(d, "upper_bound"), cut = try Self.number(d, "cut")
        #expect(lower > cut && upper <= cut)
        #expect(Self.agree(try Self.number(d, "gap"), lower / upper))
        #expect(try Self.number(d, "w_norm") >= 1 && Self.number(d, "floor") <= cut)
        #expect(try #require(gram["growth_rounds"] as? [Any]).isEmpty)
    }

    /// relu-opposite-pair: the batch grows after the deflation and the round is read through
    /// J_new·N without refactoring; each round's rank is r + s with lower/upper its gap, a round
    /// that settled has lower > τ ≥ upper, and the last round's rank is the one reported.
    @Test func theGrowthRoundsMembersHoldTheirBounds() throws {
        let json = try Self.rankJSON("relu-opposite-pair")
        let gram = try #require(json["gram"] as? [String: Any])
        let numeric = try #require(json["numeric"] as? [String: Any])
        #expect(gram["read_by_growth"] as? Bool == true)
        let rounds = try #require(gram["growth_rounds"] as? [[String: Any]])
        #expect(!rounds.isEmpty)
        for round in rounds {
            #expect(Set(round.keys) == Set(Self.roundKeys))
            #expect(try Self.integer(round, "rank") == Self.integer(round, "previous_rank") + Self.integer(round, "new_directions"))
            #expect(try Self.integer(round, "new_rows") < Self.integer(round, "rows"))
            guard round["settled"] as? Bool == true else { continue }
            #expect(round["refusal"] is NSNull)
            let lower = try Self.number(round, "lower"), upper = try Self.number(round, "upper"), cut = try Self.number(round, "cut")
            #expect(lower > cut && cut >= upper)
            #expect(Self.agree(try Self.number(round, "gap"), lower / upper))
        }
        let last = try #require(rounds.last)
        #expect(try Self.integer(last, "rank") == Self.integer(numeric, "rank") && Self.integer(last, "rows") == Self.integer(numeric, "rows"))
        // The deflation is the last factorisation's: its rank is the first round's r.
        let d = try #require(gram["deflation"] as? [String: Any])
        #expect(try Self.integer(d, "rank") == Self.integer(try #require(rounds.first), "previous_rank"))
    }

    /// tanh-near-duplicate's shallow full-rank cut stays ambiguous after the deflation, and the
    /// JSON says so in both places; `check`'s JSON carries the same member under `rank`.
    @Test func anAmbiguousDeflationIsSaid() throws {
        let json = try Self.rankJSON("tanh-near-duplicate")
        let gram = try #require(json["gram"] as? [String: Any]), numeric = try #require(json["numeric"] as? [String: Any])
        let d = try #require(gram["deflation"] as? [String: Any])
        #expect(numeric["ambiguous"] as? Bool == true && gram["ambiguous"] as? Bool == true && d["ambiguous"] as? Bool == true)
        var options = CheckOptions()
        options.rank.factorization = .gram
        let report = try Analysis.check(try ArticleSnippetTests.example("tanh-near-duplicate"), options: options)
        let checked = try #require(try JSONSerialization.jsonObject(with: Data(report.json.serialized().utf8)) as? [String: Any])
        #expect((checked["rank"] as? [String: Any])?["gram"] is [String: Any])
    }

    /// No Gram engine, no `"gram"` member.
    @Test func qrLeavesItOut() throws {
        #expect(try Self.rankJSON("relu-2-2-1", factorization: .qr)["gram"] == nil)
    }

    /// ±∞ and NaN, which JSON has no literal for, are written as strings: the document stays valid.
    @Test func nonFiniteNumbersStayValidJSON() throws {
        let value = JSONValue.object([
            JSONMember(key: "gap", value: .double(.infinity)), JSONMember(key: "floor", value: .double(.nan)),
            JSONMember(key: "cut", value: .double(-.infinity)), JSONMember(key: "rows", value: .integer(3)),
        ])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.serialized().utf8)) as? [String: Any])
        #expect(parsed["gap"] as? String == "inf" && parsed["floor"] as? String == "nan" && parsed["cut"] as? String == "-inf")
        #expect(parsed["rows"] as? Int == 3)
    }
}

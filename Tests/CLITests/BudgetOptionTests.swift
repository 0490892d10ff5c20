import Foundation
import Testing

/// The growth budgets are options with documented bounds: out-of-range values are usage errors
/// (exit 64) before anything runs; a small point budget ends with the bracket and NNID009.
@Suite struct BudgetOptionTests {
    @Test(arguments: [
        ["--max-points", "0"], ["--max-points", "10000001"], ["--max-seconds", "0"], ["--max-seconds", "-1"],
        ["--max-seconds", "1e8"], ["--max-seconds", "nan"], ["--points", "10", "--max-points", "5"],
    ])
    func outOfRangeBudgetsAreUsageErrors(arguments: [String]) throws {
        let r = try CLI.run(["check", "examples/tanh-1-3-1.json"] + arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func smallPointBudgetEndsWithTheBracket() throws {
        let r = try CLI.run(["check", "examples/tanh-1-3-1.json", "--max-points", "4"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("bracket:               4 ≤ functional dimension ≤ 10 (the point budget was spent)"))
        #expect(r.stdout.contains("warning[NNID009]"))
        #expect(r.stdout.contains("verdict: undetermined"))
        let explain = try CLI.run(["check", "--explain", "NNID009"])
        #expect(explain.status == 0 && explain.stdout.contains("seen rank ≤ functional dimension ≤ bound"))
    }
}

import Foundation
import Testing

/// `nnid check --explain CODE` needs no network and is parsed like every other option, so
/// `--explain=CODE` works too; an unknown code is exit 2, a missing network without
/// `--explain` the usual usage error.
struct ExplainOptionTests {
    @Test(arguments: [["check", "--explain", "NNID002"], ["check", "--explain=NNID002"], ["check", "--explain=nnid002"]])
    func explainNeedsNoNetwork(arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("NNID002"))
    }

    @Test func unknownCodeAndMissingNetworkAreUsageErrors() throws {
        let unknown = try CLI.run(["check", "--explain=NNID999"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown code \"NNID999\""))
        let missing = try CLI.run(["check"])
        #expect(missing.status != 0 && missing.stderr.contains("Missing expected argument '<network>'"))
    }
}

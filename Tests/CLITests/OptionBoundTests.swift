import Foundation
import Testing

/// Every option that sizes work has an upper bound, checked before any work: a value beyond it
/// is a usage error (exit status 64) naming the option and the bound.
struct OptionBoundTests {
    static let network = "examples/relu-2-3-1-regions.json"

    @Test("an option beyond its bound is refused before anything is read or allocated", arguments: [
        (["plot", "regions", network, "-o", "-", "--points", "99999999999"], "--points must be between 0 and 100000"),
        (["plot", "regions", network, "-o", "-", "--max-regions", "99999999999"], "--max-regions must be between 1 and 1000000"),
        (["info", network, "--max-depth", "20000"], "--max-depth must be at most 256"),
        (["info", network, "--max-parameters", "99999999999"], "--max-parameters must be at most 100000000"),
        (["rank", network, "--points", "99999999999"], "--points must be between 1 and 100000"),
    ])
    func bounded(arguments: [String], fragment: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 64, "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(fragment), "stderr: \(r.stderr)")
    }

    /// 20,000 levels of nesting: refused at the default depth and at the ceiling, never a stack overflow.
    @Test("deep JSON is an error at every allowed --max-depth", arguments: ["64", "256"])
    func deepJSON(depth: String) throws {
        let text = "{\"layers\": " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "}"
        let r = try CLI.run(["info", "-", "--max-depth", depth], stdin: Data(text.utf8))
        #expect(r.status == 2, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("nesting deeper than \(depth) levels"), "stderr: \(r.stderr)")
    }
}

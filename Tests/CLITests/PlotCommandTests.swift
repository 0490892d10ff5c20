import Foundation
import Testing

/// `nnid plot regions`: an SVG file written atomically, a one-line summary on stdout, and input
/// errors on stderr with exit status 2.
struct PlotCommandTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nnid-plot-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
    }

    @Test func regionsWritesSVGAndSummary() throws {
        let path = temporaryPath("regions.svg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CLI.run(["plot", "regions", "examples/relu-2-3-1-regions.json", "-o", path, "--points", "20", "--seed", "7"])
        #expect(r.status == 0)
        #expect(r.stdout == "7 regions, 3 kink lines, 20 points → \(path)\n")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.hasSuffix("</svg>\n"))
        // The same command writes the same bytes.
        let again = try CLI.run(["plot", "regions", "examples/relu-2-3-1-regions.json", "-o", "-", "--points", "20", "--seed", "7"])
        #expect(again.stdout == svg)
        #expect(again.stderr == "7 regions, 3 kink lines, 20 points → standard output\n")
    }

    @Test func boxOptionOverridesTheDomain() throws {
        let r = try CLI.run(["plot", "regions", "examples/relu-2-2-1.json", "-o", "-", "--box", "2,3,2,3"])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("1 region, 0 kink lines"))
        #expect(r.stdout.contains("[2, 3] × [2, 3]"))
    }

    /// (2, 2, 1) ReLU: P = 9, functional dimension 7 = P − hidden units; the numeric cut is deep.
    @Test func spectrumWritesSVGAndRank() throws {
        let path = temporaryPath("spectrum.svg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CLI.run(["plot", "spectrum", "examples/relu-2-2-1.json", "-o", path])
        #expect(r.status == 0)
        // The picture draws the rank analysis's own batch: the same points as `nnid rank`.
        let rank = try CLI.run(["rank", "examples/relu-2-2-1.json"])
        #expect(rank.stdout.contains("batch:                 23 points"))
        #expect(r.stdout.hasPrefix("rank 7 of 9 parameters on 23 points, gap ratio "))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains(">rank 7</text>"))
        let full = try CLI.run(["plot", "spectrum", "examples/tanh-1-3-1.json", "-o", "-"])
        #expect(full.stderr == "rank 10 of 10 parameters on 14 points → standard output\n")
        let bad = try CLI.run(["plot", "spectrum", "examples/tanh-1-3-1.json", "-o", path, "--tolerance=-1"])
        #expect(bad.status == 64)
    }

    @Test(arguments: [
        (["examples/tanh-1-3-1.json"], "has 1"),
        (["examples/sigmoid-2-2-1.json"], "layer1: sigmoid is not piecewise linear"),
        (["examples/relu-2-2-1.json", "--box", "1,0,0,1"], "--box: [1, 0] × [0, 1] is empty"),
        (["examples/relu-2-2-1.json", "--box", "0,1,0"], "--box: expected 4 numbers"),
        (["examples/relu-2-2-1.json", "--box", "0,1,0,x"], "--box, value 4"),
        (["examples/relu-2-3-2-1-regions.json", "--max-regions", "3"], "more than 3 linear regions"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let path = temporaryPath("refused.svg")
        let r = try CLI.run(["plot", "regions"] + arguments + ["-o", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Identifiability

/// The `nnid` command: which parameters of a network are determined by its function?
@main
struct NNID: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nnid",
        abstract: "Which parameters of a neural network are determined by its function, and why.",
        discussion: """
            Reads a network (nnid JSON, safetensors, numpy .npz/.npy) into exact rationals.

            Exit codes: 0 success (for `check`: identifiable up to its known symmetries), \
            1 findings, 2 the input or the tool failed, 64 usage error.

            Examples:
              nnid info examples/relu-2-2-1.json
              nnid eval examples/relu-2-2-1.json --input 1/2,-1
              nnid eval - --input 0,0 < examples/tanh-1-3-1.json
              nnid canon examples/tanh-duplicate-pair.json
              nnid rank examples/relu-2-2-1.json
              nnid check examples/relu-2-2-1.json
              nnid check --explain NNID002
              nnid plot regions examples/relu-2-3-1-regions.json -o regions.svg
            """,
        version: version,
        subcommands: [
            InfoCommand.self, EvalCommand.self, CanonCommand.self, EquivCommand.self, RankCommand.self, CheckCommand.self,
            ConvertCommand.self, PlotCommand.self, LLCCommand.self,
        ]
    )

    /// Out of memory in GMP becomes a one-line error and exit status 2, not an abort.
    static func main() {
        let cap = getenv("NNID_GMP_ALLOCATION_LIMIT").flatMap { Int(String(cString: $0)) }
        GMPMemory.install(maximumAllocation: cap ?? GMPMemory.defaultMaximumAllocation)
        main(nil)
    }
}

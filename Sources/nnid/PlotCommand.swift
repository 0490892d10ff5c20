import ArgumentParser
import Identifiability

/// `nnid plot …`: pictures as SVG files.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw pictures of a network as SVG.",
        discussion: """
            Examples:
              nnid plot regions examples/relu-2-3-1-regions.json -o regions.svg
              nnid plot regions examples/relu-2-2-1.json -o r.svg --box=-2,2,-1,1 --points 40
              nnid plot spectrum examples/relu-2-2-1.json -o s.svg
            """,
        subcommands: [PlotRegionsCommand.self, PlotSpectrumCommand.self])
}

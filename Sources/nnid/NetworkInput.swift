import ArgumentParser
import Identifiability

/// The network a command reads, and how to read it.
struct NetworkInput: ParsableArguments {
    @Argument(help: ArgumentHelp("The network file (nnid JSON, safetensors, .npz, .npy, PyTorch .pt/.pth, pickle); - reads standard input.", valueName: "network"))
    var path: String

    @OptionGroup var reading: ReadingOptions

    /// Reads the network, or reports why not and exits with status 2.
    func load(symbolicBiases: Bool = false) throws -> Network {
        try reading.load(path: path, symbolicBiases: symbolicBiases)
    }
}

import ArgumentParser
import Identifiability

/// How every command reads a network file: the activations of a tensor-only file, the state
/// dict of a PyTorch checkpoint that holds several, and the input limits.
struct ReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Activations, one per non-input layer, for files that store only tensors (e.g. relu,relu,identity).",
        valueName: "list"))
    var activations: String?

    @Option(help: ArgumentHelp(
        "For a PyTorch checkpoint that wraps several state dicts (e.g. {\"model\": …, \"ema\": …}): the key of the one to read.",
        valueName: "key"))
    var key: String?

    @OptionGroup(title: "Input limits") var limits: LimitOptions

    /// Reads the network at `path`, or reports why not and exits with status 2 (commands that
    /// read several networks, such as `equiv`, read each through here). Unless `symbolicBiases`, a
    /// network with an irrational symbolic bias (nnid JSON written by `nnid canon`) is refused:
    /// the command computes with rational parameters.
    func load(path: String, symbolicBiases: Bool = false) throws -> Network {
        var options = ReadOptions(limits: limits.readLimits, key: key)
        if let activations {
            do {
                options.activations = try TensorLayout.parseActivations(activations)
            } catch {
                throw CommandFailure.input("--\(described(error))")
            }
        }
        let network: Network
        do {
            network = try NetworkReader.read(path: path, options: options)
        } catch {
            throw CommandFailure.input(described(error))
        }
        if !symbolicBiases, let (unit, value) = network.symbolicBiases.first {
            throw CommandFailure.input("\(path): \(unit).bias is the irrational constant \(value); this command needs rational parameters (canon, equiv, eval, info and convert read symbolic biases)")
        }
        return network
    }
}

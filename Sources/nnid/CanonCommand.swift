import ArgumentParser
import Identifiability

/// `nnid canon NET [-o OUT]`: the canonical form, what was removed or merged, and the symmetry
/// group stripped.
struct CanonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canon",
        abstract: "Compute a network's canonical form (symmetries normalised, exact reductions applied).",
        discussion: """
            Prints what was removed or merged and the symmetry group stripped; with -o writes the \
            canonical network (nnid JSON) atomically. Exit status 0, or 2 for bad input.

            Example: nnid canon examples/relu-2-2-1.json -o canonical.json
            """)

    @OptionGroup var input: NetworkInput
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the canonical network here (- for standard output).", valueName: "file"))
    var outputPath: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let network = try input.load(symbolicBiases: true)
            let form: CanonicalForm
            do {
                form = try Canonicalizer().canonicalize(network)
            } catch {
                throw CommandFailure.input(described(error))
            }
            if let outputPath {
                try FileBytes.writeAtomically(Array(NativeJSONFormat.encode(form.network).utf8), to: outputPath)
            }
            let report = CanonicalReport(input: network, form: form)
            // With `-o -` the network is the data on stdout; the report goes to stderr.
            let dataOnStdout = outputPath == "-"
            output.print(report, toStandardError: dataOnStdout)
            if output.format == .text, let outputPath, outputPath != "-" { Terminal.output("wrote \(outputPath.escapingControlCharacters)\n") }
        }
    }
}

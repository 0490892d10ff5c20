import ArgumentParser
import Identifiability
#if canImport(Glibc)
import Glibc
#endif

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The network a command reads, and how to read it.
struct NetworkInput: ParsableArguments {
    @Argument(help: ArgumentHelp("The network file (nnid JSON, safetensors, .npz, .npy); - reads standard input.", valueName: "network"))
    var path: String

    @Option(help: ArgumentHelp(
        "Activations, one per non-input layer, for files that store only tensors (e.g. relu,relu,identity).",
        valueName: "list"))
    var activations: String?

    /// Reads the network, or reports why not and exits with status 2.
    func load() throws -> Network {
        var options = ReadOptions()
        if let activations {
            do {
                options.activations = try TensorLayout.parseActivations(activations)
            } catch {
                throw CommandFailure.input("--\(error.description)")
            }
        }
        do {
            return try NetworkReader.read(path: path, options: options)
        } catch {
            throw CommandFailure.input(error.description)
        }
    }
}

/// Output options shared by every command.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text
}

/// A failure to report on standard error with exit status 2 (bad input or a tool failure).
enum CommandFailure: Error {
    case input(String)
}

extension ParsableCommand {
    /// Runs `body`, turning input failures into a message on stderr and exit status 2.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch CommandFailure.input(let message) {
            Terminal.error(message)
            throw ExitCode(2)
        } catch let error as FormatError {
            Terminal.error(error.description)
            throw ExitCode(2)
        } catch let error as NetworkError {
            Terminal.error(error.description)
            throw ExitCode(2)
        } catch let error as ExactError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

/// Writing to the terminal: results on stdout, diagnostics on stderr.
enum Terminal {
    /// Writes a report to stdout, or to stderr when stdout carries data (`-o -`).
    static func report(_ text: String, toStandardError: Bool) {
        if toStandardError {
            var stderr = StandardError()
            print(text, terminator: "", to: &stderr)
        } else {
            output(text)
        }
    }

    static func output(_ text: String) {
        print(text, terminator: "")
    }

    static func output(json: JSONValue) {
        print(json.serialized(indent: 2))
    }

    static func error(_ message: String) {
        var stderr = StandardError()
        print("nnid: error: \(message)", to: &stderr)
    }

    static func note(_ message: String) {
        var stderr = StandardError()
        print(message, to: &stderr)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var s = string
        s.withUTF8 { buffer in _ = Glibc.write(2, buffer.baseAddress, buffer.count) }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

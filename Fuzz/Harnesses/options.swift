import Exact
import NetworkFormats
import Networks

/// Fuzzes the parsers behind the command line's option values: `--activations`
/// (`TensorLayout.parseActivations`), `--input`/`--box` (comma-separated exact numbers), and the
/// one-line input-domain text that tensor metadata and options share
/// (`InputDomain(metadataText:inputCount:)`). The input is split at NUL bytes into arguments,
/// as argv would be; the first byte picks the input count (1…16).
///
/// Oracle beyond "does not crash": a domain that parses reads back from its own `metadataText`
/// unchanged, and an activation list from its names — or, when a canonical text exceeds the
/// reader's limits (`leaky_relu(1e10000)` is named with a 10,001-digit slope), fails to read
/// (writers then refuse it: `NetworkWriter` reads every output back); never a different value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let first = bytes.first else { return 0 }
    let inputs = Int(first % 16) + 1
    for piece in bytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false) {
        let argument = String(decoding: piece, as: UTF8.self)
        if let list = try? TensorLayout.parseActivations(argument) {
            let again = try? TensorLayout.parseActivations(list.map(\.name).joined(separator: ","))
            precondition(again == nil || again == list, "activation names read back differently: \(argument)")
        }
        for item in argument.split(separator: ",", omittingEmptySubsequences: false) {
            _ = try? Rational(parsing: String(item))
        }
        if let domain = try? InputDomain(metadataText: argument, inputCount: inputs) {
            let again = try? InputDomain(metadataText: domain.metadataText, inputCount: inputs)
            precondition(again == nil || again == domain, "domain text reads back differently: \(argument)")
        }
    }
    return 0
}

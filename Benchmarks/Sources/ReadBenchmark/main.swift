import BenchmarkSupport
import Identifiability
#if canImport(Glibc)
import Glibc
#endif

/// Reading a 10,000,000-parameter float32 safetensors file into exact rationals.
///
/// The file is a 2000 → 2500 → 2000 MLP without biases (5,000,000 + 5,000,000 weights) with
/// random float32 weights. Three timings, each the best of `repetitions` runs:
///
/// - `read.bytes`: reading the file's bytes (the floor any reader pays);
/// - `read.safetensors`: the bytes decoded to a `TensorArchive` of rationals;
/// - `read.network`: `NetworkReader.read(path:)`, bytes to a validated `Network`.
///
/// It prints the ratio of each to the plain read, and the peak resident memory (getrusage
/// maxrss) per parameter.
let parameters = 10_000_000
let path = "/tmp/nnid-read-benchmark-\(getpid()).safetensors"
let repetitions = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 3

func maxRSSBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024  // kilobytes on Linux
}

// Write the file: header, then 10M little-endian float32 weights.
do {
    var rng = SplitMix64(seed: 42)
    let header = #"{"__metadata__":{"nnid.activations":"relu,identity"},"0.weight":{"dtype":"F32","shape":[2500,2000],"data_offsets":[0,20000000]},"2.weight":{"dtype":"F32","shape":[2000,2500],"data_offsets":[20000000,40000000]}}"#
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + header.utf8.count + 4 * parameters)
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes += $0 }
    bytes += Array(header.utf8)
    for _ in 0..<parameters {
        let x = Float(rng.nextSignedUnit())
        withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes += $0 }
    }
    try FileBytes.writeAtomically(bytes, to: path)
}
defer { unlink(path) }

// Peak memory first, with one network alive: the high-water mark then holds exactly one copy.
let baselineRSS = maxRSSBytes()
do {
    let net = try NetworkReader.read(path: path)
    precondition(net.parameterCount == parameters)
    let peak = maxRSSBytes()
    print("peak resident memory: \(peak / 1_000_000) MB, \(peak / parameters) bytes per parameter (\((peak - baselineRSS) / parameters) above the start)")
}

// Timings return the decoded value, so freeing the previous run's 10M rationals (bestTime
// replaces its result after stopping the clock) is not counted; freeing is timed separately.
let plain = bestTime(repetitions: repetitions) { (try? FileBytes.read(path: path))?.count ?? 0 }
report("read.bytes", seconds: plain.seconds, operations: parameters)

let bytes = try FileBytes.read(path: path)
let decode = bestTime(repetitions: repetitions) { try? Safetensors.read(bytes) }
report("read.safetensors", seconds: decode.seconds, operations: parameters, note: "(\(format(decode.seconds / plain.seconds))× the plain read)")

var network = bestTime(repetitions: repetitions) { try? NetworkReader.read(path: path) }
precondition(network.lastResult?.parameterCount == parameters)
report("read.network", seconds: network.seconds, operations: parameters, note: "(\(format(network.seconds / plain.seconds))× the plain read)")

let clock = ContinuousClock()
let start = clock.now
network.lastResult = nil
let freed = clock.now - start
print("freeing the network: \(freed)")

func format(_ x: Double) -> String { "\((x * 10).rounded() / 10)" }

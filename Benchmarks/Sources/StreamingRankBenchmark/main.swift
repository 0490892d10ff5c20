import BenchmarkSupport
import Exact
import Foundation
import LinearAlgebra
import Networks

// Streaming numeric rank with row selection (LinearAlgebra's StreamingRank) on the Jacobian of
// an MLP with weights N(0, 1/fan_in) and biases N(0, 1/4), inputs uniform in [−1, 1]^n, against
// one bare LAPACKE dgesdd (values only) of a random ⌈1.25·P⌉ × P matrix in the same process.
//
//     StreamingRankBenchmark widths [relu|tanh] [maxRowsPerP]    e.g. 8,40,40,8 relu 8
//
// Rows are read in blocks of ≈ P/4 Jacobian rows until the rank reaches P, a block adds no
// rank, or maxRowsPerP·P rows have been read (the row budget). The evidence printed is the
// engine's (smallest selected and largest rejected null-space component, ‖E‖_F ≥ σ_{r+1}).
// Peak memory: VmHWM of the process.

let arguments = CommandLine.arguments
let widths = arguments.count > 1 ? arguments[1].split(separator: ",").compactMap { Int($0) } : [8, 40, 40, 8]
let activation: Activation = arguments.count > 2 && arguments[2] == "tanh" ? .tanh : .relu
let rowsPerP = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 8) : 8
var rng = SplitMix64(seed: 2026)

/// A standard normal by Box–Muller (from the top-level generator, hence on the main actor).
@MainActor func gaussian() -> Double {
    let u = max(Double(rng.next() >> 11) * 0x1p-53, 0x1p-60), v = Double(rng.next() >> 11) * 0x1p-53
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
}
func exact(_ x: Double) -> Rational { (try? Rational(exactly: x)) ?? .zero }

let depth = widths.count - 1
let network = try! Network.mlp(
    widths: widths,
    activations: (0..<depth).map { $0 == depth - 1 ? .identity : activation },
    weights: (1...depth).map { l in
        (0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in exact(gaussian() / Double(widths[l - 1]).squareRoot()) } }
    },
    biases: (1...depth).map { l in (0..<widths[l]).map { _ in exact(gaussian() / 2) } })
let P = network.parameterCount, outputs = network.outputCount
let key = widths.map(String.init).joined(separator: "-") + (activation == .tanh ? ".tanh" : ".relu")

func peakMemoryGB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return .nan }
    return kb * 1024 / 1e9
}

let clock = ContinuousClock()
func elapsed(since start: ContinuousClock.Instant) -> Double {
    let d = clock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

let start = clock.now
var engine = try! StreamingRank(columns: P)
let blockPoints = max(1, (P / 4 + outputs - 1) / outputs)
var jacobianSeconds = 0.0, absorbSeconds = 0.0
var stop = "row budget"
while engine.evidence.rowsRead < rowsPerP * P {
    let points = (0..<blockPoints).map { _ in (0..<widths[0]).map { _ in rng.nextSignedUnit() } }
    let t0 = clock.now
    let block = try! network.jacobian(at: points)
    jacobianSeconds += elapsed(since: t0)
    let t1 = clock.now
    let added = try! engine.absorb(block)
    absorbSeconds += elapsed(since: t1)
    print("  rows \(engine.evidence.rowsRead): rank \(engine.rank) (+\(added.count)) at \(String(format: "%.1f", elapsed(since: start))) s")
    if engine.rank == P { stop = "full rank"; break }
    if added.isEmpty { stop = "a block added no rank"; break }
}
let streamSeconds = elapsed(since: start)
let evidence = engine.evidence
report("stream.\(key)", seconds: streamSeconds, operations: evidence.rowsRead,
       note: "(P = \(P), rank \(engine.rank), \(evidence.rowsRead) rows read, stop: \(stop); Jacobian \(String(format: "%.1f", jacobianSeconds)) s, absorb \(String(format: "%.1f", absorbSeconds)) s; smallest selected component \(evidence.smallestSelectedComponent), largest rejected \(evidence.largestRejectedComponent), ‖E‖_F \(evidence.rejectedResidualNorm); peak \(String(format: "%.2f", peakMemoryGB())) GB)")

let m = (P * 5 + 3) / 4
let random = Matrix(rows: m, columns: P, elements: (0..<(m * P)).map { _ in rng.nextSignedUnit() })!
let bare = bestTime(repetitions: 1) { (try? random.singularValues())?.first ?? .nan }
report("stream.dgesdd\(m)x\(P)", seconds: bare.seconds, operations: 1, note: "(bare LAPACKE dgesdd, values only)")
print("  ratio stream / dgesdd(⌈1.25P⌉×P) = \((streamSeconds / bare.seconds * 100).rounded() / 100)")

import BenchmarkSupport
import Exact
import Foundation
import LinearAlgebra
import Networks

/// Exact certified rank of the Jacobian of a ReLU network, against LAPACK's singular values of
/// the same matrix in Double.
///
/// Usage: `ExactRankBenchmark [widths …]` — default runs P ≈ 500 and P ≈ 2,000.
/// Weights and inputs are random dyadic rationals (as imported floats are); the batch has
/// ⌈1.2·P⌉ points, so the Jacobian is (1.2·P) × P with one output.

typealias Random = SplitMix64

extension SplitMix64 {
    init(state: UInt64) { self.init(seed: state) }
    /// k / 2^bits with |k| < 2^bits: a dyadic in (−1, 1).
    mutating func dyadic(bits: Int) -> Rational {
        let k = Int(next() % UInt64(1 << (bits + 1))) - (1 << bits)
        return Rational(k, 1 << bits)
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func run(widths: [Int]) throws {
    var g = Random(state: 2024)
    let depth = widths.count - 1
    let network = try Network.mlp(
        widths: widths,
        activations: (0..<depth).map { $0 == depth - 1 ? .identity : .relu },
        weights: (1...depth).map { l in (0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in g.dyadic(bits: 8) } } },
        biases: (1...depth).map { l in (0..<widths[l]).map { _ in g.dyadic(bits: 8) } })
    let p = network.parameterCount
    let n = (p * 6 + 4) / 5
    var points: [[Rational]] = []
    while points.count < n {
        let x = (0..<widths[0]).map { _ in g.dyadic(bits: 6) * 2 }
        if (try? network.evaluateExactly(x).kinks.isEmpty) == true { points.append(x) }
    }
    var j = Matrix<Rational>(rows: 0, columns: 0, repeating: .zero)
    let tJacobian = try seconds { j = try network.exactJacobian(at: points) }
    var result: ExactRank?
    let tRank = seconds { result = j.exactRank(backend: .flint) }
    guard let result else { return }
    var native: ExactRank?
    let tNative = seconds { native = j.exactRank(backend: .native) }
    var ok = false
    let tVerify = seconds { ok = result.certificate.verify(against: j) }
    let d = j.map(\.doubleValue)
    var sigma: [Double] = []
    let tSVD = try seconds { sigma = try d.singularValues() }
    let tol = Double(max(d.rows, d.columns)) * (sigma.first ?? 0) * Double.ulpOfOne
    let numericRank = sigma.filter { $0 > tol }.count
    let hidden = widths.dropFirst().dropLast().reduce(0, +)
    let maxBits = j.elements.map(\.bitSize).max() ?? 0
    print("widths \(widths): P = \(p), Jacobian \(j.rows)×\(j.columns) (max entry \(maxBits) bits), hidden units \(hidden)")
    print("  exact Jacobian      \(String(format: "%8.3f", tJacobian)) s")
    print("  exact certified rank \(String(format: "%7.3f", tRank)) s  → rank \(result.rank), nullity \(p - result.rank), prime \(result.certificate.prime)")
    print("  same, native elim.  \(String(format: "%7.3f", tNative)) s  → rank \(native?.rank ?? -1)")
    print("  certificate verify  \(String(format: "%8.3f", tVerify)) s  → \(ok ? "valid" : "INVALID")")
    print("  LAPACK dgesdd (σ)   \(String(format: "%8.3f", tSVD)) s  → numeric rank \(numericRank) (tol \(String(format: "%.1e", tol)))")
    report("exactrank.P\(p).jacobian", seconds: tJacobian, operations: j.rows * j.columns)
    report("exactrank.P\(p).rank", seconds: tRank, operations: j.rows * j.columns)
    report("exactrank.P\(p).native", seconds: tNative, operations: j.rows * j.columns)
    report("exactrank.P\(p).verify", seconds: tVerify, operations: j.rows * j.columns)
    report("exactrank.P\(p).svd", seconds: tSVD, operations: j.rows * j.columns)
    print("  ratio exact/SVD     \(String(format: "%8.2f", tRank / tSVD))×")
    let nnz = result.certificate.nullVectors.map { $0.filter { !$0.isZero }.count }
    if !nnz.isEmpty {
        print("  null vector support: mean \(nnz.reduce(0, +) / nnz.count), max \(nnz.max() ?? 0); max entry bits \(result.certificate.nullVectors.flatMap { $0 }.map(\.bitSize).max() ?? 0)")
    }
}

/// The exact rank of a random n × n matrix of integers in [0, 2³¹ − 1) (SplitMix64, seed 2024,
/// the same entries as `C/nmod_rank.c`): full rank, so the work is the first prime's
/// elimination — against a bare `nmod_mat_rank` of the same matrix.
func square(_ n: Int) {
    var g = Random(state: 2024)
    let p: UInt64 = 2_147_483_647
    let a = Matrix(rows: n, columns: n, elements: (0..<(n * n)).map { _ in Rational(Int(g.next() % p)) })!
    for backend in ModularBackend.allCases {
        var rank = 0
        let t = seconds { rank = a.exactRank(backend: backend).rank }
        report("exactrank.square\(n)\(backend == .flint ? "" : ".native")", seconds: t, operations: n * n, note: "rank \(rank)")
    }
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
if arguments.count >= 2 {
    try run(widths: arguments)
} else if arguments.count == 1 {
    square(arguments[0])
} else {
    square(1000)
    try run(widths: [8, 24, 10, 1])
    try run(widths: [16, 48, 24, 1])
}

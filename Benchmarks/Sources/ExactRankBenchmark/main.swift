import BenchmarkSupport
import CFLINT
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
///
/// Besides the exact rank of all rows it times the certificate from the rows a numeric
/// `StreamingRank` pass selected (`exactRank(selectedRows:)`: the path of `nnid check --exact`),
/// and, in the same process, FLINT's bare `nmod_mat_rank` of the very matrices each eliminates
/// (the Jacobian mod p, and its selected rows mod p) — the goal is ≤ 1.5× that baseline.

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
    var engine = try StreamingRank(columns: j.columns)
    _ = try engine.absorb(j.map(\.doubleValue))
    let selection = engine.selectedRows
    var selected: ExactRank?
    let tSelected = seconds { selected = j.exactRank(selectedRows: selection) }
    let tBareAll = bareRank(j, rows: Array(0..<j.rows)), tBareSelected = bareRank(j, rows: selection)
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
    print("  bare nmod_mat_rank, all \(j.rows) rows  \(String(format: "%7.3f", tBareAll)) s  (exact/bare \(String(format: "%.2f", tRank / tBareAll))×)")
    print("  selected-row certificate (\(selection.count) rows) \(String(format: "%7.3f", tSelected)) s  → rank \(selected?.rank ?? -1), \(selected.map { $0.certificate.verify(against: j) ? "valid" : "INVALID" } ?? "none")")
    print("  bare nmod_mat_rank, selected rows  \(String(format: "%7.3f", tBareSelected)) s  (certificate/bare \(String(format: "%.2f", tSelected / tBareSelected))×)")
    report("exactrank.P\(p).selected", seconds: tSelected, operations: selection.count * j.columns)
    report("exactrank.P\(p).bare", seconds: tBareAll, operations: j.rows * j.columns)
    report("exactrank.P\(p).bareSelected", seconds: tBareSelected, operations: selection.count * j.columns)
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

/// Seconds of FLINT's `nmod_mat_rank` alone on `a[rows, :]` mod 2³¹ − 1 (the first prime of
/// `exactRank`; each entry num/den becomes num·den⁻¹ mod p, which has the rank of the matrix
/// with denominators cleared row by row).
func bareRank(_ a: Matrix<Rational>, rows: [Int]) -> Double {
    let p: UInt = 2_147_483_647
    let m = UnsafeMutablePointer<nmod_mat_struct>.allocate(capacity: 1)
    defer { nmod_mat_clear(m); m.deallocate() }
    nmod_mat_init(m, rows.count, a.columns, p)
    for (k, i) in rows.enumerated() {
        let row = nnid_nmod_mat_row(m, k)!
        for j in 0..<a.columns { row[j] = a[i, j].residue(modulo: p) ?? 0 }
    }
    return seconds { _ = nmod_mat_rank(m) }
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

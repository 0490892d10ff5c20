import BenchmarkSupport
import Identifiability

// Numeric rank analysis of a ReLU MLP (20, 64, 40, 1), P = 3985, against a bare LAPACKE dgesdd
// (values only, jobz = 'N') on a random matrix of the Jacobian's shape. The analysis samples
// ⌈P/outputs⌉ + 4 points, checks kink coverage, builds the Jacobian, takes its singular values,
// checks every symmetry tangent against the kernel and credits the null directions. Goal: ≤ 1.3×.

let widths = [20, 64, 40, 1]
var rng = SplitMix64(seed: 11)
@MainActor func generic() -> Rational {
    let k = Int(rng.next() % 33) - 16
    return Rational(k == 0 ? 3 : k, 16)
}
var weights: [[[Rational]]] = []
var biases: [[Rational]?] = []
for l in 1..<widths.count {
    weights.append((0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in generic() } })
    biases.append((0..<widths[l]).map { _ in generic() })
}
let network = try! Network.mlp(widths: widths, activations: [.relu, .relu, .identity], weights: weights, biases: biases)
let options = RankOptions(exact: .never)

let analysis = bestTime(repetitions: 1) { try! Identifiability.rank(network, options: options) }
let a = analysis.lastResult
report("rank.mlp\(network.parameterCount)", seconds: analysis.seconds, operations: 1,
       note: "(P = \(a.parameterCount), rank \(a.rank), \(a.numeric.rows)×\(a.numeric.columns), explained \(a.explained), hidden \(a.hidden))")

let m = a.numeric.rows, n = a.numeric.columns
let random = Matrix(rows: m, columns: n, elements: (0..<(m * n)).map { _ in rng.nextSignedUnit() })!
let bare = bestTime(repetitions: 1) { (try? random.singularValues())?.first ?? .nan }
report("rank.dgesdd\(m)x\(n)", seconds: bare.seconds, operations: 1, note: "(bare LAPACKE dgesdd, values only)")
print("  ratio analysis / dgesdd = \((analysis.seconds / bare.seconds * 100).rounded() / 100)")

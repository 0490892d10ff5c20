import BenchmarkSupport
import LinearAlgebra

// Singular values of a 1000×1000 matrix with entries uniform in [−1, 1): the numeric rank
// computation's core. Same matrix and same LAPACKE_dgesdd call (jobz = 'N', row-major) as
// C/svd.c, so the ratio measures the Swift wrapper's overhead (validation and one copy).

let size = 1000
var rng = SplitMix64(seed: 7)
let a = Matrix(rows: size, columns: size, elements: (0..<(size * size)).map { _ in rng.nextSignedUnit() })!
let result = bestTime(repetitions: 3) { (try? a.singularValues())?.first ?? .nan }
report("svd.1000x1000", seconds: result.seconds, operations: 1, note: "(σ₁ = \(result.lastResult))")

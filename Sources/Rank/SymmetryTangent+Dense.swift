import Exact
import LinearAlgebra
import Symmetries

extension SymmetryTangent {
    /// The tangent as a dense exact vector of length `P` (0 where a coefficient is not exact).
    func denseExact(_ P: Int) -> [Rational] {
        var v = [Rational](repeating: .zero, count: P)
        for e in entries { v[e.index] = e.exact ?? .zero }
        return v
    }

    /// The tangent as a dense unit vector of length `P` in `Double`.
    func denseUnitNumeric(_ P: Int) -> [Double] {
        var v = [Double](repeating: 0, count: P)
        let norm = entries.reduce(0) { $0 + $1.numeric * $1.numeric }.squareRoot()
        for e in entries { v[e.index] = e.numeric / norm }
        return v
    }
}

extension Array where Element == SymmetryTangent {
    /// dim span of the tangents, numerically (unit-norm rows, cut at 10⁻⁸·σ₁: the rows are exact
    /// up to rounding).
    func numericSpanDimension(columns P: Int) -> Int { numericRowRank(map { $0.denseUnitNumeric(P) }, columns: P) }
}

/// Numeric rank of unit-norm rows (cut at 10⁻⁸·σ₁: the rows are exact up to rounding).
func numericRowRank(_ rows: [[Double]], columns P: Int) -> Int {
    guard !rows.isEmpty, let m = Matrix(rowArrays: rows, columns: P), let s = try? m.singularValues() else { return 0 }
    return s.filter { $0 > 1e-8 * (s.first ?? 0) }.count
}

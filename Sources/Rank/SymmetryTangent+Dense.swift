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

/// Numeric rank of unit-norm rows (cut at 10⁻⁸·σ₁: the rows are exact up to rounding). The
/// coordinate rows are counted exactly (``CoordinateRowSplit``: the rank is |C| + rank(R′)) and
/// only R′, on the columns it touches, goes to the SVD, cut at 10⁻⁸·max(σ₁(R′), 1) when C is
/// not empty (the rows' own scale: the whole set then has σ₁ ≥ 1). On deep ReLU nets most
/// tangents are coordinate vectors: at ACAS size (P = 13,305) the SVD of ≈ 5,000 × 13,305 rows
/// becomes one of a few hundred.
func numericRowRank(_ rows: [[Double]], columns P: Int) -> Int {
    let split = CoordinateRowSplit(rows, columns: P), exact = split.coordinateCount
    guard !split.reduced.isEmpty, let m = Matrix(rowArrays: split.reduced, columns: split.kept.count), let s = try? m.singularValues()
    else { return exact }
    let scale = exact > 0 ? max(s.first ?? 0, 1) : (s.first ?? 0)
    return exact + s.filter { $0 > 1e-8 * scale }.count
}

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

    /// The tangent as a unit vector in `Double`: its nonzero entries by increasing column (the last
    /// entry given for a column counts).
    var sparseUnitNumeric: CoordinateRowSplit.SparseRow {
        let norm = entries.reduce(0) { $0 + $1.numeric * $1.numeric }.squareRoot()
        let byColumn = Dictionary(entries.map { ($0.index, $0.numeric / norm) }, uniquingKeysWith: { $1 })
        return byColumn.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (index: $0.key, value: $0.value) }
    }
}

extension Array where Element == SymmetryTangent {
    /// dim span of the tangents, numerically (unit-norm rows, cut at 10⁻⁸·σ₁: the rows are exact
    /// up to rounding).
    func numericSpanDimension(columns P: Int) -> Int { numericRowRank(sparse: map(\.sparseUnitNumeric), columns: P) }
}

/// Numeric rank of unit-norm rows (cut at 10⁻⁸·σ₁: the rows are exact up to rounding). The
/// coordinate rows are counted exactly (``CoordinateRowSplit``: the rank is |C| + rank(R′)) and
/// only R′, on the columns it touches, goes to the SVD, cut at 10⁻⁸·max(σ₁(R′), 1) when C is
/// not empty (the rows' own scale: the whole set then has σ₁ ≥ 1). On deep ReLU nets most
/// tangents are coordinate vectors: at ACAS size (P = 13,305) the SVD of ≈ 5,000 × 13,305 rows
/// becomes one of a few hundred.
func numericRowRank(_ rows: [[Double]], columns P: Int) -> Int { rank(of: CoordinateRowSplit(rows, columns: P)) }

/// ``numericRowRank(_:columns:)`` of sparse rows (never formed densely).
func numericRowRank(sparse rows: [CoordinateRowSplit.SparseRow], columns P: Int) -> Int {
    rank(of: CoordinateRowSplit(sparse: rows, columns: P))
}

/// |C| + the numeric rank of R′ for the split's rows (see ``numericRowRank(_:columns:)``).
private func rank(of split: CoordinateRowSplit) -> Int {
    let exact = split.coordinateCount
    guard !split.reduced.isEmpty, let m = Matrix(rowArrays: split.reduced, columns: split.kept.count), let s = try? m.singularValues()
    else { return exact }
    let scale = exact > 0 ? max(s.first ?? 0, 1) : (s.first ?? 0)
    return exact + s.filter { $0 > 1e-8 * scale }.count
}

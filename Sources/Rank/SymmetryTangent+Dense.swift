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

/// Numeric rank of unit-norm rows (cut at 10⁻⁸·σ₁: the rows are exact up to rounding). Rows with
/// one nonzero entry — coordinate vectors e_j, such as a dead unit's parameters — are counted
/// exactly: with C their columns and R′ the other rows with the columns C set to 0, span(rows) =
/// span(e_j : j ∈ C) ⊕ span(R′) (subtracting multiples of the e_j changes no span, and the two
/// parts have disjoint supports), so the rank is |C| + rank(R′). Only R′, on the columns it
/// touches, goes to the SVD, cut at 10⁻⁸·max(σ₁(R′), 1) when C is not empty (the rows' own
/// scale: the whole set has σ₁ ≥ 1). On deep ReLU nets most tangents are such coordinate
/// vectors: at ACAS size (P = 13,305) the SVD of ≈ 5,000 × 13,305 becomes one of a few hundred rows.
func numericRowRank(_ rows: [[Double]], columns P: Int) -> Int {
    var coordinate = [Bool](repeating: false, count: P), others: [[Double]] = []
    for row in rows {
        var first = -1, count = 0
        for (j, v) in row.enumerated() where v != 0 {
            if count == 0 { first = j }
            count += 1
            if count > 1 { break }
        }
        if count == 1 { coordinate[first] = true } else if count > 1 { others.append(row) }
    }
    let exact = coordinate.filter { $0 }.count
    // R′: the other rows without the columns C, restricted to the columns they touch.
    var touched = [Bool](repeating: false, count: P)
    for row in others { for (j, v) in row.enumerated() where v != 0 && !coordinate[j] { touched[j] = true } }
    let kept = (0..<P).filter { touched[$0] }
    let reduced = others.map { row in kept.map { row[$0] } }.filter { $0.contains { $0 != 0 } }
    guard !reduced.isEmpty, let m = Matrix(rowArrays: reduced, columns: kept.count), let s = try? m.singularValues() else { return exact }
    let scale = exact > 0 ? max(s.first ?? 0, 1) : (s.first ?? 0)
    return exact + s.filter { $0 > 1e-8 * scale }.count
}

/// The numeric rank of a matrix from its singular values, with the evidence for the cut.
///
/// rank = #{ i : σᵢ > τ }, with τ = σ₁ · max(m, n) · ε by default (numpy's `matrix_rank`,
/// ε = 2⁻⁵² the `Double` machine epsilon) or a caller's tolerance. A numeric rank is only as
/// good as the gap at the cut: the report carries σ_r / σ_{r+1} and calls the rank
/// **ambiguous** when that ratio is below `ambiguityRatio` (the rank analysis's option, default 10³). The
/// threshold's rationale: a rank that is exact in real arithmetic leaves σ_{r+1} at round-off
/// level (≈ 10⁻¹⁶·σ₁·√size) and σ_r at the scale of the network's sensitivities, so a genuine
/// cut is many orders of magnitude deep; a cut less than three orders deep sits inside a
/// continuous stretch of the spectrum, where a different tolerance would give a different rank.
/// When r = min(m, n) (no σ_{r+1}), the cut is ambiguous if σ_r < ratio · τ; when r = 0 it is
/// ambiguous if σ₁ > τ / ratio.
public struct NumericRank: Sendable, Equatable {
    public let rank: Int
    public let rows: Int
    public let columns: Int
    /// All singular values, largest first.
    public let singularValues: [Double]
    public let tolerance: Double
    /// σ_r / σ_{r+1}; `nil` when r = 0 or r = min(m, n).
    public let gapRatio: Double?
    /// The ratio below which a cut is ambiguous (the options' ``RankOptions/ambiguityRatio``).
    public let ambiguityRatio: Double
    public let isAmbiguous: Bool

    /// - Parameters:
    ///   - tolerance: the cut τ; `nil` for σ₁ · max(m, n) · ε.
    public init(singularValues s: [Double], rows: Int, columns: Int, tolerance: Double?, ambiguityRatio: Double) {
        singularValues = s
        self.rows = rows
        self.columns = columns
        let sMax = s.first ?? 0
        let tau = tolerance ?? sMax * Double(Swift.max(rows, columns)) * Double.ulpOfOne
        self.tolerance = tau
        self.ambiguityRatio = ambiguityRatio
        let r = s.filter { $0 > tau }.count
        rank = r
        if r > 0 && r < s.count {
            let ratio = s[r] > 0 ? s[r - 1] / s[r] : Double.infinity
            gapRatio = ratio
            isAmbiguous = ratio < ambiguityRatio
        } else if r == 0 {
            gapRatio = nil
            isAmbiguous = sMax > 0 && sMax > tau / ambiguityRatio
        } else {
            gapRatio = nil
            isAmbiguous = s[r - 1] < ambiguityRatio * tau
        }
    }

    /// The singular values around the cut: up to `radius` on each side of position r.
    public func spectrumAroundCut(radius: Int = 3) -> [(index: Int, value: Double)] {
        let lo = Swift.max(0, rank - radius), hi = Swift.min(singularValues.count, rank + radius)
        return (lo..<hi).map { ($0 + 1, singularValues[$0]) }
    }
}

extension Matrix where Scalar == Double {
    /// The numeric rank (singular values by LAPACK `dgesdd`). A matrix with no entries has rank 0.
    public func numericRank(tolerance: Double? = nil, ambiguityRatio: Double = 1e3) throws(LinearAlgebraError) -> NumericRank {
        let s = rows == 0 || columns == 0 ? [] : try singularValues()
        return NumericRank(singularValues: s, rows: rows, columns: columns, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
    }
}

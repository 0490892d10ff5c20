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
///
/// A spectrum may be known only near the cut (``skipped`` > 0): σ₁, which sets τ, and the
/// smallest values from σ_{skipped+2} on, the first of which is above τ — so every value not
/// computed, lying between two that are, is above τ too and counts in the rank.
public struct NumericRank: Sendable, Equatable {
    public let rank: Int
    public let rows: Int
    public let columns: Int
    /// The singular values computed, largest first: all of them, or σ₁ followed by
    /// σ_{skipped+2}, σ_{skipped+3}, … (``singularValue(_:)`` reads them by index).
    public let singularValues: [Double]
    /// How many singular values after σ₁ were not computed, σ₂ … σ_{skipped+1} (0: all were).
    public let skipped: Int
    public let tolerance: Double
    /// σ_r / σ_{r+1}; `nil` when r = 0 or r = min(m, n).
    public let gapRatio: Double?
    /// The ratio below which a cut is ambiguous (the options' ``RankOptions/ambiguityRatio``).
    public let ambiguityRatio: Double
    public let isAmbiguous: Bool

    /// - Parameters:
    ///   - singularValues: all of them, largest first.
    ///   - tolerance: the cut τ; `nil` for σ₁ · max(m, n) · ε.
    public init(singularValues s: [Double], rows: Int, columns: Int, tolerance: Double?, ambiguityRatio: Double) {
        self.init(singularValues: s, skipped: 0, rows: rows, columns: columns, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
    }

    /// A spectrum computed near the cut: σ₁ = `largest` and the smallest values `smallest`
    /// (largest first, ending with σ_count), σ₂ … σ_{count − smallest.count} skipped. The first
    /// of `smallest` must exceed the cut (τ as above).
    public init(largest: Double, smallest: [Double], count: Int, rows: Int, columns: Int, tolerance: Double?, ambiguityRatio: Double) {
        self.init(
            singularValues: [largest] + smallest, skipped: Swift.max(0, count - 1 - smallest.count), rows: rows, columns: columns,
            tolerance: tolerance, ambiguityRatio: ambiguityRatio)
    }

    private init(singularValues s: [Double], skipped: Int, rows: Int, columns: Int, tolerance: Double?, ambiguityRatio: Double) {
        singularValues = s
        self.skipped = skipped
        self.rows = rows
        self.columns = columns
        let sMax = s.first ?? 0
        let tau = tolerance ?? sMax * Double(Swift.max(rows, columns)) * Double.ulpOfOne
        self.tolerance = tau
        self.ambiguityRatio = ambiguityRatio
        let r = s.filter { $0 > tau }.count + skipped
        rank = r
        let count = s.count + skipped
        func value(_ i: Int) -> Double { i == 0 ? s[0] : s[i - skipped] }  // σ_{i+1}, not a skipped one
        if r > 0 && r < count {
            let below = value(r)
            let ratio = below > 0 ? value(r - 1) / below : Double.infinity
            gapRatio = ratio
            isAmbiguous = ratio < ambiguityRatio
        } else if r == 0 {
            gapRatio = nil
            isAmbiguous = sMax > 0 && sMax > tau / ambiguityRatio
        } else {
            gapRatio = nil
            isAmbiguous = value(r - 1) < ambiguityRatio * tau
        }
    }

    /// How many singular values there are, computed or not.
    public var count: Int { singularValues.count + skipped }

    /// σ_index (from 1), `nil` when it was not computed or is out of range.
    public func singularValue(_ index: Int) -> Double? {
        guard index >= 1, index <= count else { return nil }
        if index == 1 { return singularValues[0] }
        return index <= skipped + 1 ? nil : singularValues[index - 1 - skipped]
    }

    /// The singular values around the cut: up to `radius` on each side of position r (those
    /// computed; a spectrum near the cut has them all once σ_r is not σ₂'s neighbour).
    public func spectrumAroundCut(radius: Int = 3) -> [(index: Int, value: Double)] {
        let lo = Swift.max(0, rank - radius), hi = Swift.min(count, rank + radius)
        return (lo..<hi).compactMap { i in singularValue(i + 1).map { (i + 1, $0) } }
    }
}

extension Matrix where Scalar == Double {
    /// The numeric rank (singular values by LAPACK `dgesdd`). A matrix with no entries has rank 0.
    public func numericRank(tolerance: Double? = nil, ambiguityRatio: Double = 1e3) throws(LinearAlgebraError) -> NumericRank {
        let s = rows == 0 || columns == 0 ? [] : try singularValues()
        return NumericRank(singularValues: s, rows: rows, columns: columns, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
    }
}

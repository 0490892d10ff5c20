import Exact
import LinearAlgebra
import Symmetries

/// What the factor stage established about null J, as the attribute stage needs it: the rank,
/// the exact Jacobian when there is one, and a Gram factor M (MᵀM = JᵀJ) for numeric checks.
struct KernelEvidence {
    let numeric: NumericRank
    let exact: ExactRankStage?
    let gramFactor: Matrix<Double>
    /// An orthonormal basis (rows) of the numerical null space at ``numeric``'s rank, when the
    /// factorisation keeps one (a row-selecting engine); `nil`: from the SVD of ``gramFactor``.
    var nullBasis: (() throws(RankError) -> [[Double]])? = nil

    /// The rank the analysis stands on: exact when computed, else numeric.
    var rank: Int { exact?.result.rank ?? numeric.rank }
    var columns: Int { gramFactor.columns }

    /// Whether J·t = 0: exactly for an exact tangent when the exact Jacobian is known — as
    /// membership in the span of the certificate's null vectors when the certificate verified
    /// (they are then a basis of null J), else row by row; otherwise ‖M·t‖₂ ≤ 10⁻⁹·σ₁·‖t‖₂·√rows — ‖J·t‖₂ = ‖M·t‖₂ since MᵀM = JᵀJ.
    func contains(_ t: SymmetryTangent) -> Bool {
        if let exact, t.isExact, exact.result.certificateVerified {
            var v = [Rational](repeating: .zero, count: exact.jacobian.columns)
            for e in t.entries { v[e.index] += e.exact! }
            return exact.result.certificate.nullSpaceContains(v)
        }
        if let J = exact?.jacobian, t.isExact {
            return (0..<J.rows).allSatisfy { i in
                var s = Rational.zero
                for e in t.entries { s.addProduct(J[i, e.index], e.exact!) }
                return s.isZero
            }
        }
        let M = gramFactor
        var residual = 0.0
        for i in 0..<M.rows {
            var s = 0.0
            for e in t.entries { s += M[i, e.index] * e.numeric }
            residual += s * s
        }
        let norm = t.entries.reduce(0) { $0 + $1.numeric * $1.numeric }.squareRoot()
        let jNorm = numeric.singularValues.first ?? 0
        return residual.squareRoot() <= 1e-9 * max(jNorm, 1e-300) * norm * Double(max(1, numeric.rows)).squareRoot()
    }
}

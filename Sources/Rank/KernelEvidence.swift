import Exact
import LinearAlgebra
import Symmetries

/// What the factor stage established about null J, as the attribute stage needs it: the rank,
/// the exact rank stage when there is one, and ‖J·t‖ for numeric checks (from a Gram factor M with
/// MᵀM = JᵀJ, or from JᵀJ itself).
struct KernelEvidence {
    let numeric: NumericRank
    let exact: ExactRankStage?
    let columns: Int
    /// ‖J·t‖₂ for a sparse t (entries).
    let residual: ([(index: Int, value: Double)]) -> Double
    /// The smallest ‖J·t‖/‖t‖ the numeric engine tells from zero (the Gram floor; 0 otherwise).
    var resolvableFloor = 0.0
    /// An orthonormal basis (rows) of the numerical null space at ``numeric``'s rank.
    let nullBasis: () throws(RankError) -> [[Double]]

    /// The evidence of a factor stage's engine.
    init(numeric: NumericRank, exact: ExactRankStage?, factorization: any Factorization) {
        self.numeric = numeric
        self.exact = exact
        columns = factorization.columns
        residual = { factorization.kernelResidual($0) }
        resolvableFloor = factorization.resolvableFloor
        nullBasis = { () throws(RankError) in try factorization.nullBasis(rank: numeric.rank) }
    }

    /// The evidence of a Gram factor M (MᵀM = JᵀJ); the null space from its SVD.
    init(numeric: NumericRank, exact: ExactRankStage?, gramFactor M: Matrix<Double>) {
        self.init(numeric: numeric, exact: exact, factorization: GramFactorMatrix(gramFactor: M))
    }

    /// The rank the analysis stands on: exact when computed, else numeric.
    var rank: Int { exact?.result.rank ?? numeric.rank }

    /// Whether J·t = 0: exactly for an exact tangent when the exact rank is known — as
    /// membership in the span of the certificate's null vectors when the certificate verified
    /// (they are then a basis of null J), else by the exact product J·t at every point; otherwise
    /// ‖J·t‖₂ ≤ max(10⁻⁹·σ₁·√rows, floor)·‖t‖₂ — the floor being the engine's resolvable floor
    /// (the Gram engine cannot tell ‖J·t‖ below it from zero).
    func contains(_ t: SymmetryTangent) -> Bool {
        if let exact, t.isExact {
            var v = [Rational](repeating: .zero, count: exact.columns)
            for e in t.entries { v[e.index] += e.exact! }
            return exact.result.certificateVerified ? exact.result.certificate.nullSpaceContains(v) : exact.annihilates(v)
        }
        let r = residual(t.entries.map { (index: $0.index, value: $0.numeric) })
        let norm = t.entries.reduce(0) { $0 + $1.numeric * $1.numeric }.squareRoot()
        let jNorm = numeric.singularValues.first ?? 0
        let bound = max(1e-9 * max(jNorm, 1e-300) * Double(max(1, numeric.rows)).squareRoot(), resolvableFloor)
        return r <= bound * norm
    }
}

/// A fixed Gram factor M (MᵀM = JᵀJ) as a factorisation: for evidence built from M alone.
private struct GramFactorMatrix: Factorization {
    let gramFactor: Matrix<Double>
    var columns: Int { gramFactor.columns }
    mutating func append(rows block: consuming Matrix<Double>) throws(RankError) {}
    func singularValues() throws(RankError) -> [Double] { [] }
}

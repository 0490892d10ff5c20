import LinearAlgebra

/// How the Schur deflation (``SchurDeflation``) read J's rank below the Gram floor: J₁'s pivot
/// columns, the passes of the corrected semi-normal equations with their residuals, the cut on
/// σ(J·N) and the two bounds at it.
///
/// The rank is r₁ + r_S with r_S = #{σᵢ(J·N) > cut}. σ_{r+1}(J) ≤ ``upperBound`` = σ_{r_S+1}(J·N)
/// (Courant–Fischer, any X) and σ_r(J) ≥ ``lowerBound`` = (min(σ_min(J₁), σ_{r_S}(J·N)) − 2ρ)/√2
/// (σ_min(J₁) when r_S = 0), with ρ the last pass's ‖L₁₁⁻¹J₁ᵀS‖₂ ≥ ‖Q₁ᵀJ·N‖₂ (power iteration);
/// nothing below S's own floor ‖S‖·max(m, k)·ε (QR's, from R_S) is resolved or shown. σ_min(J₁) is the
/// inverse-iteration estimate on G₁₁, whose relative error is below 1/9 because J₁'s σ_min is at
/// least 3× the Gram floor.
public struct SchurDeflationEvidence: Sendable, Equatable {
    /// r₁, J₁'s columns.
    public let leadingRank: Int
    /// σ_min(J₁) ≈ √λ_min(G₁₁) (inverse iteration).
    public let leadingSmallest: Double
    /// k, the columns of S: P − r₁ less the zero columns.
    public let trailingColumns: Int
    /// z, the columns past J₁ that are zero in J (G_jj = 0, checked on every row read): kept out
    /// of S, each a null direction e_j with σ = 0.
    public let zeroColumns: Int
    /// ρ after each pass over J's rows (the number of passes is their count).
    public private(set) var residuals: [Double] = []
    /// ‖W‖₂ for W = [−X; I]: S's round-off is ≈ ε·‖J‖·‖W‖.
    public private(set) var wNorm = 1.0
    /// ‖S‖·max(m, k)·ε: S's QR factor R_S resolves no σ(J·N) below this.
    public private(set) var floor = 0.0
    /// The cut on σ(J·N): max(tolerance, σ₁·max(m, P)·ε·‖W‖₂, ``floor``).
    public private(set) var cut = 0.0
    /// r_S, the values of σ(J·N) above the cut.
    public private(set) var trailingRank = 0
    /// The lower bound on σ_r(J) and the upper bound on σ_{r+1}(J) (`nil` when r_S = k).
    public private(set) var lowerBound = 0.0
    public private(set) var upperBound: Double? = nil
    /// σ(J·N) around the cut: up to 3 values on each side of position r_S, the first being
    /// σ_{nearCutStart}(J·N) (1-based).
    public private(set) var nearCut: [Double] = []
    public private(set) var nearCutStart = 1
    /// The rank r₁ + r_S was judged ambiguous when it was read: the lower bound not above the
    /// cut, or ``gap`` below the analysis's ambiguity ratio.
    public internal(set) var ambiguous = false

    /// lower bound / upper bound, the deflation's certified gap σ_r/σ_{r+1} (∞ when the upper
    /// bound is 0; `nil` when r_S = k).
    public var gap: Double? { upperBound.map { $0 > 0 ? lowerBound / $0 : .infinity } }

    init(leadingRank: Int, leadingSmallest: Double, trailingColumns: Int, zeroColumns: Int = 0) {
        self.leadingRank = leadingRank
        self.leadingSmallest = leadingSmallest
        self.trailingColumns = trailingColumns
        self.zeroColumns = zeroColumns
    }

    /// Records the last pass's σ(J·N) at `cut` and the bounds it gives.
    mutating func record(_ spectrum: TrailingSpectrum, residuals: [Double], cut: Double) {
        self.residuals = residuals
        wNorm = spectrum.wNorm
        floor = spectrum.floor
        self.cut = cut
        let values = spectrum.values, rho = residuals.last ?? 0
        trailingRank = values.filter { $0 > cut }.count
        let rS = trailingRank
        lowerBound = rS == 0 ? leadingSmallest : (min(leadingSmallest, values[rS - 1]) - 2 * rho) / 2.0.squareRoot()
        upperBound = rS < values.count ? max(values[rS], floor) : nil
        nearCutStart = max(0, rS - 3) + 1
        nearCut = values[max(0, rS - 3)..<min(values.count, rS + 3)].map { max($0, floor) }
    }

    /// "Schur deflation: …" for the `Gram method:` line (`short` formats a number).
    public func text(short: (Double) -> String) -> String {
        let r = leadingRank + trailingRank
        let rhos = residuals.map(short).joined(separator: " → ")
        var line = "Schur deflation of the \(leadingRank) pivot columns J₁ (σ_min ≈ \(short(leadingSmallest))): "
        line += "S = J₂ − J₁X on \(trailingColumns) columns" + (zeroColumns > 0 ? " (\(zeroColumns) more are zero in J, σ = 0)" : "")
        line += " from J's rows, \(residuals.count) passes of the corrected semi-normal equations "
        line += "(‖Q₁ᵀS‖ ≈ \(rhos)), ‖W‖ = \(short(wNorm)), R_S resolves σ ≥ \(short(floor)); rank \(leadingRank) + \(trailingRank) = \(r) at σ(J·N) > \(short(cut)): "
        line += "σ\(r) ≥ \(short(lowerBound))"
        if let u = upperBound { line += ", σ\(r + 1) ≤ \(short(u))" }
        line += "; σ(J·N) near the cut: " + nearCut.enumerated().map { "\(nearCutStart + $0.offset): \(short($0.element))" }.joined(separator: ", ")
        return line
    }
}

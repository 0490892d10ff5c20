import Foundation

/// Replaces the figures of a rank report that are round-off by a placeholder, so that an
/// expected output and an actual one compare equal whatever BLAS kernel computed them.
///
/// A rank-deficient Jacobian J has, in exact arithmetic, σ_{r+1} = … = σ_n = 0; the computed
/// values are the backward error of the SVD, of size ≈ ε·σ₁·√(size), and their digits depend on
/// the order of every floating-point sum (the CPU's kernel, the thread count). The rank r itself,
/// and the values above the cut (σᵢ > τ, relative error ≈ ε·σ₁/σᵢ), do not. So, in both texts:
///
/// - `spectrum at the cut:` lines: every `σk = VALUE` after the `|` that marks the cut
///   (σk ≤ τ) becomes `σk = ‹below the cut›`; the indices, the position of the `|` and the values
///   before it are kept.
/// - `tolerance:` lines: the gap `σr/σr+1 = VALUE` enters σ_{r+1}, so VALUE is masked; its label
///   (which names r) and τ are kept.
/// - `nnid plot spectrum`'s summary line: the `gap ratio VALUE` likewise.
/// - JSON rank reports (`"numeric": {"rank": r, …}`): each `{"index": k, "value": VALUE}` with
///   k > r, and `"gap_ratio": VALUE`.
///
/// Everything else, the rank included, is left as it is and so is compared character for
/// character.
enum RoundOffMask {
    static let placeholder = "‹below the cut›"

    /// `text` with its sub-cut figures replaced by ``placeholder``.
    static func apply(_ text: String) -> String {
        var json = JSONState()
        return text.components(separatedBy: "\n").map { json.mask(maskLine($0)) }.joined(separator: "\n")
    }

    /// One line of a text report: the spectrum after the cut, the gap, the picture's gap ratio.
    static func maskLine(_ line: String) -> String {
        if line.hasPrefix("spectrum at the cut:"), let bar = line.firstIndex(of: "|") {
            let tail = line[line.index(after: bar)...].replacing(/(σ[0-9]+ = )[^\s]+/) { $0.output.1 + placeholder }
            return String(line[...bar]) + tail
        }
        if line.hasPrefix("tolerance:") {
            return line.replacing(/(gap σ[0-9]+\/σ[0-9]+ = )[^\s;()]+/) { $0.output.1 + placeholder }
        }
        if line.hasPrefix("rank "), line.contains(" gap ratio ") {
            return line.replacing(/(, gap ratio )[^\s]+/) { $0.output.1 + placeholder }
        }
        return line
    }

    /// The JSON rank report, read line by line (entries inline or one member a line): the cut is
    /// the first `"rank"` after `"numeric": {`; inside `"spectrum_at_cut"` a `"value"` belongs to
    /// the last `"index"` seen.
    struct JSONState {
        var cut: Int? = nil, awaitingRank = false, inSpectrum = false, index: Int? = nil

        mutating func mask(_ line: String) -> String {
            if line.contains(#""numeric": {"#) { awaitingRank = true; cut = nil }
            if awaitingRank, let m = line.firstMatch(of: /"rank": ([0-9]+)/) { cut = Int(m.output.1); awaitingRank = false }
            if line.contains(#""spectrum_at_cut": ["#), !line.contains("[]") { inSpectrum = true; index = nil }
            var out = line.replacing(/("gap_ratio": )([^\s,}]+)/) { m in
                m.output.2 == "null" ? m.output.0 : m.output.1 + "\"" + placeholder + "\""
            }
            guard inSpectrum else { return out }
            if let m = line.firstMatch(of: /"index": ([0-9]+)/) { index = Int(m.output.1) }
            if let cut, let index, index > cut {
                out = out.replacing(/("value": )[^\s,}]+/) { $0.output.1 + "\"" + placeholder + "\"" }
            }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("]") { inSpectrum = false }
            return out
        }
    }
}

/// The Gram method's evidence as the `"gram"` member of a rank analysis's JSON: what the text's
/// `Gram method:` line says, with every number kept (non-finite ones as strings, as elsewhere in
/// the report). The keys and the mathematics they carry:
///
/// - `rows`, `pivot_rank` r (pivots of G = JᵀJ above τ²), `sigma1` σ₁ = √λ₁(G), `floor`
///   σ₁·√(max(m, P)·ε) (nothing below it is resolved by G), `cut` τ ≥ floor;
/// - `leading_smallest` √λ_min(G₁₁) ≲ σ_r, `null_bound` √μ₁ ≥ σ_{r+1} (Ritz), `gap` and
///   `ambiguous` for the rank reported;
/// - `deflation` (``SchurDeflationEvidence``) when a Schur deflation read J's spectrum below the
///   floor, else `null` with `deflation_refused` saying why, when it was refused;
/// - `growth_rounds` (``GrowthRoundEvidence``), the rounds read through J_new·N without
///   refactoring; `read_by_growth` when the reported rank is the last of them.
extension GramRankEvidence {
    public var json: JSONValue {
        .object([
            JSONMember(key: "rows", value: .integer(rows)),
            JSONMember(key: "pivot_rank", value: .integer(pivotRank)),
            JSONMember(key: "sigma1", value: .double(sigma1)),
            JSONMember(key: "floor", value: .double(floor)),
            JSONMember(key: "cut", value: .double(cut)),
            JSONMember(key: "floor_above_requested_cut", value: .bool(floorAboveRequestedCut)),
            JSONMember(key: "leading_smallest", value: leadingSmallest.map(JSONValue.double) ?? .null),
            JSONMember(key: "null_bound", value: nullBound.map(JSONValue.double) ?? .null),
            JSONMember(key: "gap", value: gap.map(JSONValue.double) ?? .null),
            JSONMember(key: "ambiguous", value: .bool(ambiguous)),
            JSONMember(key: "deflation", value: deflation?.json ?? .null),
            JSONMember(key: "deflation_refused", value: deflationRefused.map(JSONValue.string) ?? .null),
            JSONMember(key: "fallback", value: fallback.map(JSONValue.string) ?? .null),
            JSONMember(key: "replaced", value: .bool(replaced)),
            JSONMember(key: "read_by_growth", value: .bool(readByGrowth)),
            JSONMember(key: "growth_rounds", value: .array(growthRounds.map(\.json))),
        ])
    }
}

/// A Schur deflation's evidence in JSON (the `"deflation"` member of `"gram"`): J₁'s r₁ pivot
/// columns with σ_min(J₁), S = J₂ − J₁X on k columns (z more are zero in J), the residual
/// ρ = ‖L₁₁⁻¹J₁ᵀS‖₂ after each pass, ‖W‖₂, S's floor, the cut on σ(J·N), r_S above it, and the
/// rank r = r₁ + r_S with its bounds σ_r ≥ `lower_bound`, σ_{r+1} ≤ `upper_bound` (`null` when
/// r_S = k) and `gap` = lower/upper.
extension SchurDeflationEvidence {
    public var json: JSONValue {
        .object([
            JSONMember(key: "leading_rank", value: .integer(leadingRank)),
            JSONMember(key: "leading_smallest", value: .double(leadingSmallest)),
            JSONMember(key: "trailing_columns", value: .integer(trailingColumns)),
            JSONMember(key: "zero_columns", value: .integer(zeroColumns)),
            JSONMember(key: "residuals", value: .array(residuals.map(JSONValue.double))),
            JSONMember(key: "w_norm", value: .double(wNorm)),
            JSONMember(key: "floor", value: .double(floor)),
            JSONMember(key: "cut", value: .double(cut)),
            JSONMember(key: "trailing_rank", value: .integer(trailingRank)),
            JSONMember(key: "rank", value: .integer(leadingRank + trailingRank)),
            JSONMember(key: "lower_bound", value: .double(lowerBound)),
            JSONMember(key: "upper_bound", value: upperBound.map(JSONValue.double) ?? .null),
            JSONMember(key: "gap", value: gap.map(JSONValue.double) ?? .null),
            JSONMember(key: "ambiguous", value: .bool(ambiguous)),
        ])
    }
}

/// A growth round read through C = J_new·N, in JSON (an entry of `"growth_rounds"`): the grown
/// batch's rows (of them `new_rows` new), r = `previous_rank` with k = `null_columns`, s =
/// `new_directions`, `rank` r + s, the cut τ, β ≥ ‖J_old·N‖₂, λ, ‖J_new‖_F, the coupling L_×
/// (`null` when not read), σ_{r+s} ≥ `lower`, σ_{r+s+1} ≤ `upper` (`null` when s = k), `gap` =
/// lower/upper, and whether the round `settled` (else `refusal` says why the batch was refactored).
extension GrowthRoundEvidence {
    public var json: JSONValue {
        .object([
            JSONMember(key: "rows", value: .integer(rows)),
            JSONMember(key: "new_rows", value: .integer(newRows)),
            JSONMember(key: "previous_rank", value: .integer(previousRank)),
            JSONMember(key: "null_columns", value: .integer(nullColumns)),
            JSONMember(key: "new_directions", value: .integer(newDirections)),
            JSONMember(key: "rank", value: .integer(rank)),
            JSONMember(key: "cut", value: .double(cut)),
            JSONMember(key: "beta", value: .double(beta)),
            JSONMember(key: "lambda", value: .double(lambda)),
            JSONMember(key: "new_rows_norm", value: .double(newRowsNorm)),
            JSONMember(key: "coupling", value: coupling.map(JSONValue.double) ?? .null),
            JSONMember(key: "lower", value: .double(lower)),
            JSONMember(key: "upper", value: upper.map(JSONValue.double) ?? .null),
            JSONMember(key: "gap", value: gap.map(JSONValue.double) ?? .null),
            JSONMember(key: "lower_is_bound", value: .bool(lowerIsBound)),
            JSONMember(key: "settled", value: .bool(settled)),
            JSONMember(key: "refusal", value: refusal.map(JSONValue.string) ?? .null),
        ])
    }
}

/// The stable codes of `nnid check` findings, like a linter's. Codes are never reused or
/// renumbered; `nnid check --explain CODE` prints ``explanation``.
public enum FindingCode: String, Sendable, CaseIterable, Equatable, Comparable {
    case reducible = "NNID001"
    case hiddenDegeneracy = "NNID002"
    case ambiguousRank = "NNID003"
    case exactNumericDisagreement = "NNID004"
    case deadUnit = "NNID005"
    case alwaysActiveUnit = "NNID006"
    case tangentNotInKernel = "NNID007"
    case certificateFailed = "NNID008"
    case undeterminedDirections = "NNID009"

    public static func < (a: FindingCode, b: FindingCode) -> Bool { a.rawValue < b.rawValue }

    /// The code named `text` (case-insensitive), if any.
    public static func named(_ text: String) -> FindingCode? { allCases.first { $0.rawValue == text.uppercased() } }

    public var title: String {
        switch self {
        case .reducible: return "reducible network"
        case .hiddenDegeneracy: return "hidden degeneracy"
        case .ambiguousRank: return "ambiguous numeric rank"
        case .exactNumericDisagreement: return "exact and numeric ranks disagree"
        case .deadUnit: return "unit dead on the whole batch"
        case .alwaysActiveUnit: return "unit acts linearly on the whole batch"
        case .tangentNotInKernel: return "a symmetry tangent is not in the kernel"
        case .certificateFailed: return "exact-rank certificate failed verification"
        case .undeterminedDirections: return "directions neither seen in the rank nor excluded"
        }
    }

    /// The long explanation (`nnid check --explain CODE`), naming settings by their library names.
    public var explanation: String { explanation(naming: OptionNames()) }

    /// The long explanation, naming the settings it recommends by `names`.
    public func explanation(naming names: OptionNames) -> String {
        switch self {
        case .reducible:
            return """
                \(rawValue): \(title)

                The same function is computed by a smaller network. The canonicaliser found units it
                can remove exactly: a unit whose outgoing weights are all zero (it has no effect), a
                unit whose incoming weights are all zero (it outputs the constant act(b), which folds
                into the downstream biases), two units of one layer with the same incoming weights and
                bias after normalisation (merged by adding their outgoing weights), or a linear layer
                wider than the rank of the map it carries. Every parameter of a removed unit that the
                function does not see is a degenerate direction of the Jacobian; the rank analysis
                credits these to the rule that removed the unit.

                Fix: use the reduced network shown in the report (\(names[.canonicalForm]) writes it).
                """
        case .hiddenDegeneracy:
            return """
                \(rawValue): \(title)

                The Jacobian J of θ ↦ (f_θ(x₁), …, f_θ(x_N)) has a null direction that no known symmetry
                explains: not a rescaling of a positively homogeneous unit, not a GL(n) motion of a linear
                layer, not a free parameter of a removable unit, not a consequence of a unit being dead or
                linear on the batch. Moving the parameters along it leaves every batch output unchanged to
                first order, so the data cannot determine that combination of parameters. The report
                shows each such direction as a sparse combination of named parameters (reduced row echelon
                form of the null space modulo the symmetry tangents).

                Hidden degeneracies are real properties of the parameter (Grigsby, Lindsey & Rolnick 2023
                describe hidden symmetries of ReLU networks), or of a batch that does not explore the
                domain: rerun with more points (\(names[.points])) or another seed to tell the two apart.
                """
        case .ambiguousRank:
            return """
                \(rawValue): \(title)

                The numeric rank counts singular values above the tolerance τ (numpy's default
                σ₁·max(m, n)·ε, or \(names[.tolerance])). The cut is trusted only when it is deep: the report
                calls it ambiguous when σ_r/σ_{r+1} < R (or, at full rank, when σ_r < R·τ), with
                R = 10³ unless \(names[.ambiguityRatio]) sets it. A real rank leaves σ_{r+1} at round-off
                level, many orders below σ_r; a shallow cut means a slightly different tolerance
                gives a different rank, so the functional dimension and the hidden-degeneracy count
                are not reliable. Only reported when no exact rank settles the question (exact ranks
                exist for piecewise-linear networks).

                Fix: inspect the printed spectrum; choose \(names[.tolerance]) at a clear gap, add points, or use
                \(names[.exact]) for piecewise-linear networks.
                """
        case .exactNumericDisagreement:
            return """
                \(rawValue): \(title)

                For piecewise-linear networks the Jacobian is an exact rational matrix; its rank is
                computed exactly and certified (a nonsingular minor modulo a prime, and exact null
                vectors). The floating-point rank of the same batch differs. The exact rank stands;
                the disagreement means the floating-point spectrum is misleading here (huge weight
                ranges, near-cancellation) and numeric results on similar networks deserve suspicion.
                """
        case .deadUnit:
            return """
                \(rawValue): \(title)

                Every sampled point puts this unit's pre-activation on a piece of slope 0 (for ReLU:
                negative), and the sampler's search for a point on the other side inside the domain
                failed. The unit outputs 0 on the batch: its incoming weights, bias and outgoing weights
                are all degenerate there. If the unit is dead on the whole domain it can be removed
                without changing the function on the domain.
                """
        case .alwaysActiveUnit:
            return """
                \(rawValue): \(title)

                Every sampled point puts this unit's pre-activation on one piece of nonzero slope (for
                ReLU: always active), and the search for the other side failed. On the batch the unit is
                linear, which creates symmetries a generic unit lacks: its bias can be traded against the
                biases it feeds, and several such units of one layer can be mixed by GL(n) like a linear
                layer. These directions are credited as "units acting linearly on the batch".
                """
        case .tangentNotInKernel:
            return """
                \(rawValue): \(title)

                A symmetry rule produced a tangent vector that is not in the kernel of the Jacobian (exactly,
                for exact ranks). This contradicts the rule's derivation and indicates a bug or an input the
                rule does not cover; the tangent was not credited. Please report it with the network.
                """
        case .certificateFailed:
            return """
                \(rawValue): \(title)

                The exact rank comes with a certificate (a nonsingular minor modulo a prime and exact null
                vectors) that is re-checked against the Jacobian. The check failed, so the exact rank is not
                proven. This indicates a bug; please report it with the network.
                """
        case .undeterminedDirections:
            return """
                \(rawValue): \(title)

                The analysis ends with a bracket, seen rank ≤ functional dimension ≤ bound. The seen rank
                is the rank of the sampled batch's Jacobian (more points can only raise it); the bound is
                P minus the dimension of the symmetries of the function itself (rescalings, GL motions,
                removable units), which no batch can exceed. Some null directions of the batch are not
                explained by any known symmetry, and the evidence does not settle them: the batch stopped
                growing on a budget — the point budget, the time budget (\(names[.maximumSeconds])), a round that
                raised the rank by less than \(names[.minimumRankGain]) per new point, or an interruption
                (Ctrl-C) — while the rank was still rising; or, for a network with kinks, its
                kernel is only numeric (a numeric null vector is no evidence of an exact one) or no search
                for points where those directions move the output ran; or, for analytic activations, the
                numeric cut is ambiguous. Those directions are undetermined: a larger batch may add them
                to the rank, or they may be a hidden degeneracy. The verdict is "undetermined", never
                "identifiable", and no hidden degeneracy is claimed.

                The finding names the units the undetermined directions involve (the parameters of the
                batch's unexplained null directions) and the units the batch sees on one side of their
                kink only (units active on a tiny part of the domain are the usual cause).

                Fix: rerun with a larger budget (\(names[.maximumPoints]), \(names[.maximumSeconds])), with the exact rank and the
                directed search on (\(names[.exact]), \(names[.lineWalks])), or with a wider or targeted sampling domain
                (\(names[.domain])) so that the batch reaches those units' kinks.
                """
        }
    }
}

import LinearAlgebra

/// Growth rounds without refactoring (proofs/growth-without-refactoring.md). After a round whose
/// rank stands, ``beginGrowthChain(rank:)`` keeps its evidence (``GrowthChain``); the next round's
/// rows are then read twice — folded into G as always, so that a refactorisation stays possible,
/// and through ``NullSpaceGrowth`` as C = J_new·N against the null basis N — and
/// ``settleGrowthRound(rows:tolerance:ambiguityRatio:)`` reads the grown batch's rank r + s from
/// the bounds of ``GrowthRoundBound`` alone when lower > τ ≥ upper with a gap that is not
/// ambiguous; otherwise the factor stage refactors G as before.
extension GramFactorization {
    var growthRoundPending: Bool { growth?.reader != nil }

    /// Dense new rows, into C as well when a chain is under way.
    mutating func readForGrowth(rows block: Matrix<Double>) throws(RankError) {
        guard try startGrowthReader() else { return }
        do { try growth?.reader?.absorb(rows: block) } catch { throw .linearAlgebra(error.description) }
    }

    /// Factored new rows, into C from the Kronecker factors as well when a chain is under way.
    mutating func readForGrowth(factored block: FactoredJacobian) throws(RankError) {
        guard try startGrowthReader() else { return }
        do { try growth?.reader?.absorb(factored: block) } catch { throw .linearAlgebra(error.description) }
    }

    /// Starts C's reader on the null basis of the chain's round at the round's first rows (the
    /// engine's copy of the null rows is released by the append); `false` when no chain is under way.
    private mutating func startGrowthReader() throws(RankError) -> Bool {
        guard growth != nil else { return false }
        if growth?.reader != nil { return true }
        guard let null, null.rows == columns - (growth?.rank ?? 0) else {
            growth = nil
            return false
        }
        do { growth?.reader = try NullSpaceGrowth(nullRows: null) } catch { throw .linearAlgebra(error.description) }
        return true
    }

    /// Keeps the evidence of the round that established `rank` (unambiguous, its null basis
    /// at hand, 0 < k = P − rank within the memory the Gram plan sets aside for the null space:
    /// ``MemoryPlan/growthFits(parameters:nullDirections:)``). A round that settled by growth has
    /// already moved the chain on. Returns why no chain begins (`nil` when one does, or at full rank).
    @discardableResult mutating func beginGrowthChain(rank: Int) -> String? {
        guard let evidence = gramEvidence, !evidence.readByGrowth else { return nil }
        growth = nil
        let k = columns - rank
        guard rank > 0, k > 0 else { return nil }
        if evidence.ambiguous || evidence.replaced {
            // A growth round's gap is at most ℓ/β, this round's gap after a deflation: it could not settle either.
            return "the gap of rank \(rank) is ambiguous\(evidence.gap.map { " (\($0))" } ?? ""); a growth round's gap is at most ℓ/β"
        }
        guard null?.rows == k else { return "no null basis of \(k) directions" }
        guard MemoryPlan.growthFits(parameters: columns, nullDirections: k) else {
            return "its \(MemoryPlan.gigabytes(MemoryPlan.growthBytes(parameters: columns, nullDirections: k) ?? .max)) exceed the plan's null-space share"
        }
        growth = GrowthChain(rank: rank, evidence: evidence)
        return growth == nil ? "the round gives no lower bound on σ\(rank) or no upper bound on σ\(rank + 1)" : nil
    }

    /// After the round's rows: σ(C), Yᵀ, the least cut τ₀ = max(tolerance, the chain's cut,
    /// σ̂₁·max(m, P)·ε, ‖J_new‖_F·max(m₂, P)·ε) and s = #{cᵢ > τ₀}; when s > 0, the reader of the
    /// coupling L_× (``GrowthCrossTerm``), the row where the round's rows begin and s, for the
    /// second pass (``readGrowthCross(factored:)``). `nil` when no second pass is wanted.
    mutating func growthCrossPass(rows: Int, tolerance: Double?) throws(RankError) -> (row: Int, newDirections: Int)? {
        guard var chain = growth, let reader = chain.reader, chain.bounds == nil else { return nil }
        guard chain.rows + reader.rowsRead == rows else {
            growth = nil
            return nil
        }
        let (values, yt): ([Double], Matrix<Double>)
        do { (values, yt) = try reader.spectrum() } catch { throw .linearAlgebra(error.description) }
        let newNorm = reader.squaredFrobeniusNorm.squareRoot(), eps = Double.ulpOfOne
        let sigma1 = GrowthRoundBound.upper(beta: chain.sigma1, next: newNorm)
        let least = max(
            tolerance ?? 0, chain.cut, sigma1 * Double(max(rows, columns)) * eps, newNorm * Double(max(reader.rowsRead, columns)) * eps)
        let s = values.prefix { $0 > least }.count
        chain.bounds = (values, yt, least, s)
        if s > 0 { chain.cross = reader.crossTerm(yt: yt, values: values, newDirections: s) }
        growth = chain
        return s > 0 ? (chain.rows, s) : nil
    }

    /// One block of the round's rows for the second pass (dense).
    mutating func readGrowthCross(rows block: Matrix<Double>) throws(RankError) {
        do { try growth?.cross?.absorb(rows: block) } catch { throw .linearAlgebra(error.description) }
    }

    /// One block of the round's rows for the second pass (Kronecker-factored).
    mutating func readGrowthCross(factored block: FactoredJacobian) throws(RankError) {
        do { try growth?.cross?.absorb(factored: block) } catch { throw .linearAlgebra(error.description) }
    }

    /// The growth round's rank from the bounds, or `nil` — the chain then ends and the caller
    /// refactors — when they are not separated at the cut, the gap is ambiguous, or the rows read
    /// are not the chain's batch plus this round's. Either way the round is recorded in
    /// ``growthRounds``. L, the bound on the coupling, is L_× when the second pass read all the
    /// round's rows (never above ‖J_new‖_F), else ‖J_new‖_F.
    mutating func settleGrowthRound(rows: Int, tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank? {
        if growth?.bounds == nil { _ = try growthCrossPass(rows: rows, tolerance: tolerance) }
        guard var chain = growth, let reader = chain.reader, let (values, yt, least, s) = chain.bounds else {
            growth = nil
            return nil
        }
        growth = nil
        // The second pass's products are the chain's only reference once taken (projected in place).
        var cross = chain.cross
        chain.cross = nil
        let P = columns, r = chain.rank, k = P - r
        let newNorm = reader.squaredFrobeniusNorm.squareRoot()
        var coupling: Double? = nil
        if cross?.rowsRead == reader.rowsRead {
            do { coupling = try cross?.norm() } catch { throw .linearAlgebra(error.description) }
        }
        cross = nil
        let l = min(newNorm, coupling ?? newNorm)
        let sigma1 = GrowthRoundBound.upper(beta: chain.sigma1, next: newNorm)
        let bound = { (j: Int) in
            GrowthRoundBound.lower(newDirections: j, values: values, lambda: chain.lambda, beta: chain.beta, cross: l, previous: chain.lower)
        }
        let lower = bound(s)
        let upper = s < k ? GrowthRoundBound.upper(beta: chain.beta, next: values[s]) : nil
        let tau = max(least, upper ?? 0)
        let spectrum = Self.growthSpectrum(chain.spectrum, rank: r, newDirections: s, lower: lower, lowerAt: bound, upperAt: {
            GrowthRoundBound.upper(beta: chain.beta, next: values[$0])
        })
        let result = NumericRank(singularValues: spectrum, rows: rows, columns: P, tolerance: tau, ambiguityRatio: ambiguityRatio)
        var refusal: String? = nil
        if lower <= tau {
            refusal = "σ\(r + s) ≥ \(lower) is not above the cut"
        } else if result.isAmbiguous {
            refusal = "the gap is below \(ambiguityRatio)"
        }
        let round = GrowthRoundEvidence(
            rows: rows, newRows: reader.rowsRead, previousRank: r, nullColumns: k, newDirections: s, cut: tau, beta: chain.beta,
            lambda: chain.lambda, newRowsNorm: newNorm, coupling: coupling, lower: lower, upper: upper,
            gap: upper.map { $0 > 0 ? lower / $0 : .infinity }, lowerIsBound: chain.lowerIsBound, settled: refusal == nil, refusal: refusal)
        growthRounds.append(round)
        guard refusal == nil else { return nil }
        null = reader.nullRows(after: s, yt: yt)
        var evidence = chain.base
        evidence.readByGrowth = true
        evidence.growthRounds = growthRounds
        evidence.gap = result.gapRatio
        evidence.ambiguous = false
        evidence.spectrum = spectrum
        gramEvidence = evidence
        if let upper {
            var next = chain
            (next.reader, next.bounds) = (nil, nil)
            next.rank = r + s
            next.rows = rows
            next.beta = upper
            next.lambda = s == 0 ? chain.lambda : lower
            next.lower = lower
            next.sigma1 = sigma1
            next.cut = tau
            next.spectrum = spectrum
            growth = next
        }
        return result
    }

    /// The spectrum shown for a round read by growth bounds (P values, largest first): the values
    /// shown before at positions 1 … r (σᵢ(A) ≥ σᵢ(J_old), interlacing), the lower bounds
    /// `lowerAt(j)` on σ_{r+j}(A) for j = 1 … s, none below `lower` (≤ σ_{r+s}(A) ≤ each of them),
    /// then the upper bounds `upperAt(s + i − 1)` = √(β² + c_{s+i}²) on σ_{r+s+i}(A).
    static func growthSpectrum(
        _ before: [Double], rank r: Int, newDirections s: Int, lower: Double, lowerAt: (Int) -> Double, upperAt: (Int) -> Double
    ) -> [Double] {
        var spectrum = before
        for i in 0..<r { spectrum[i] = max(spectrum[i], lower) }
        for j in stride(from: 1, through: s, by: 1) { spectrum[r + j - 1] = max(lowerAt(j), lower) }
        for i in (r + s)..<spectrum.count { spectrum[i] = upperAt(i - r) }
        return spectrum.sorted(by: >)
    }
}

import Exact
import Networks

/// Points in the activation regions that exact line walks cross (piecewise-linear networks).
///
/// Random points find a region with probability equal to its mass; a region of mass 10⁻⁴ in a
/// deep layer is missed by a batch of hundreds. Restricted to a line the network is piecewise
/// linear with exact breakpoints (``Network/walkLine(origin:direction:lower:upper:maximumPieces:limits:)``),
/// so a walk lists every region the line crosses, however small, and a line crosses a
/// half-space of positive mass unless it is parallel to it. Lines run through the domain's
/// support: a box, or all of ℝⁿ for a Gaussian.
extension Sampler {
    /// Walks `lines` lines — along each axis through the centre of the typical box (up to half of
    /// them), the rest through batch points in random directions — and adds a cluster of up to
    /// n + 1 points inside every region crossed that shows a kinked unit on a side the batch has
    /// seen at fewer than 2(n + 1) points (a rare side: one cluster of n + 1 points pins down
    /// one affine piece, and a rare unit's side usually spans several). With `newPatterns`,
    /// regions whose activation pattern the batch lacks get a cluster too, up to
    /// `newPatternBudget` points. At most `budget` points in all; `capped` says a region went
    /// without its cluster (or with a smaller one) because the budget was spent.
    mutating func addPointsAlongLines(
        lines: Int, budget: Int, newPatternBudget: Int, newPatterns: Bool
    ) throws(RankError) -> (added: Int, capped: Bool) {
        guard !kinkedUnits.isEmpty, network.isPiecewiseLinear, !batch.points.isEmpty else { return (0, false) }
        let n = network.inputCount
        var seen = Set(signs)
        let rare = 2 * (network.inputCount + 1)
        var positive = (0..<kinkedUnits.count).map { k in signs.reduce(0) { $0 + ($1[k] > 0 ? 1 : 0) } }
        var negative = (0..<kinkedUnits.count).map { k in signs.count - positive[k] }
        var added = 0, addedForPatterns = 0, capped = false
        let box = domain.domain.typicalBox(inputCount: n)
        let centre = zip(box.lower, box.upper).map { ($0 + $1) / 2 }
        let axes = min(n, lines / 2)
        for line in 0..<lines {
            let origin: [Rational], direction: [Rational]
            if line < axes {
                origin = centre
                direction = (0..<n).map { $0 == line ? Rational.one : .zero }
            } else {
                origin = batch.points[Int(rng.nextBits(32)) % batch.points.count]
                direction = (0..<n).map { _ in Rational(Int((rng.nextGaussian() * 1024).rounded()), 1024) }
                if direction.allSatisfy(\.isZero) { continue }
            }
            guard let range = domain.domain.lineRange(origin: origin, direction: direction) else { continue }
            let walk: LineWalk
            do {
                walk = try network.walkLine(
                    origin: origin, direction: direction, lower: range.lower, upper: range.upper,
                    maximumPieces: 4 * kinkedUnits.count + 16)
            } catch { continue }  // a coefficient too large for exact arithmetic: skip this line
            for piece in walk.pieces {
                let pattern = piece.signs.flatMap { $0 }
                guard pattern.count == kinkedUnits.count, !pattern.contains(0) else { continue }
                let unseenSide = pattern.indices.contains { (pattern[$0] > 0 ? positive[$0] : negative[$0]) < rare }
                guard unseenSide || (newPatterns && addedForPatterns < newPatternBudget && !seen.contains(pattern)) else { continue }
                if added + n + 1 > budget {
                    capped = true
                    if added >= budget { return (added, capped) }
                    if !unseenSide { continue }
                }
                let placed = try placeCluster(in: piece, of: walk, pattern: pattern, size: Swift.min(n + 1, budget - added), origin: .lineWalk)
                guard placed > 0 else { continue }
                added += placed
                if !unseenSide { addedForPatterns += placed }
                seen.insert(pattern)
                for k in pattern.indices { if pattern[k] > 0 { positive[k] += placed } else { negative[k] += placed } }
            }
        }
        return (added, capped)
    }

    /// Adds up to `size` grid points whose activation pattern is `pattern`: one on the piece
    /// itself, the others jittered off the line (halving the jitter until the pattern holds),
    /// recorded with `origin`. Returns the number added.
    mutating func placeCluster(
        in piece: LineWalk.Piece, of walk: LineWalk, pattern: [Int8], size: Int, origin: SampleBatch.Origin
    ) throws(RankError) -> Int {
        let fractions: [Rational] = [Rational(1, 2), Rational(1, 3), Rational(2, 3), Rational(1, 5), Rational(4, 5)]
        let ts: [Rational]
        switch (piece.lower, piece.upper) {
        case (let l?, let u?): ts = fractions.map { l + (u - l) * $0 }
        default: ts = [piece.interior] + [Rational(1, 2), Rational(1, 8), Rational(4)].map { piece.interior + (piece.upper == nil ? $0 : -$0) }
        }
        var centre: [Double]? = nil
        for t in ts {
            guard let q = domain.rationalPoint(walk.point(at: t).map(\.doubleValue)),
                try kinkSigns(q, q.map(\.doubleValue)) == pattern
            else { continue }
            try add(q, origin: origin)
            centre = q.map(\.doubleValue)
            break
        }
        guard let centre else { return 0 }
        // The piece's length in x, which bounds how far the region is known to extend.
        let speed = walk.direction.reduce(0.0) { $0 + $1.doubleValue * $1.doubleValue }.squareRoot()
        let length = piece.lower.flatMap { l in piece.upper.map { u in (u - l).doubleValue * speed } } ?? domain.scale
        var placed = 1
        for _ in 1..<size {
            var delta = Swift.min(0.25 * length, 0.05 * domain.scale)
            for _ in 0..<10 {
                let x = domain.clamped(centre.map { $0 + delta * (2 * rng.nextUnit() - 1) })
                if let q = domain.rationalPoint(x), try kinkSigns(q, q.map(\.doubleValue)) == pattern {
                    try add(q, origin: origin)
                    placed += 1
                    break
                }
                delta /= 2
            }
        }
        return placed
    }
}

import Exact
import LinearAlgebra
import Networks

/// Directed search for the null directions of the batch that no point has moved yet.
///
/// A direction v in the kernel of the batch Jacobian is a real degeneracy on the domain only if
/// J(x)·v = 0 at every input x. Symmetry tangents satisfy that everywhere; any other v is
/// either a hidden degeneracy or a sign that the batch missed a region where J(x)·v ≠ 0. The
/// search walks lines exactly (piecewise-linear networks), evaluates J(x)·v for the whole null
/// basis at one point of every region crossed — one Jacobian row block, cheap next to the
/// factorisation — and places a cluster of n + 1 points in every region where some direction
/// moves, then removes the directions that moved from the basis. It stops when the basis is
/// empty or the lines and point budget are spent.
extension Sampler {
    /// Returns the dimension of the part of `nullBasis` (orthonormal rows) that no region found moved.
    @discardableResult
    mutating func addPointsWhereNullDirectionsMove(nullBasis: [[Double]], lines: Int, budget: Int) throws(RankError) -> Int {
        guard !kinkedUnits.isEmpty, network.isPiecewiseLinear, !batch.points.isEmpty else { return nullBasis.count }
        var basis = nullBasis
        var added = 0
        let n = network.inputCount
        for _ in 0..<lines {
            guard !basis.isEmpty, added < budget else { break }
            let origin = batch.points[Int(rng.nextBits(32)) % batch.points.count]
            let direction = (0..<n).map { _ in Rational(Int((rng.nextGaussian() * 1024).rounded()), 1024) }
            guard !direction.allSatisfy(\.isZero), let range = domain.domain.lineRange(origin: origin, direction: direction),
                let walk = try? network.walkLine(
                    origin: origin, direction: direction, lower: range.lower, upper: range.upper,
                    maximumPieces: 4 * kinkedUnits.count + 16)
            else { continue }
            for piece in walk.pieces {
                guard !basis.isEmpty, added < budget else { break }
                let pattern = piece.signs.flatMap { $0 }
                guard !pattern.contains(0), let x = domain.rationalPoint(walk.point(at: piece.interior).map(\.doubleValue)) else { continue }
                let moved = try movedPart(of: basis, at: x.map(\.doubleValue))
                guard moved.remaining.count < basis.count else { continue }
                let placed = try placeCluster(in: piece, of: walk, pattern: pattern, size: n + 1)
                guard placed > 0 else { continue }
                added += placed
                basis = moved.remaining
            }
        }
        return basis.count
    }

    /// Splits the span of `basis` at x: the orthonormal rows w of the span with J(x)·w = 0
    /// (cut at 10⁻⁸ of the largest |J(x)·v|, relative to ‖J(x)‖).
    private func movedPart(of basis: [[Double]], at x: [Double]) throws(RankError) -> (remaining: [[Double]], moved: Int) {
        let J: Matrix<Double>
        do { J = try numeric.jacobian(at: [x]) } catch { throw .network(error) }
        let k = basis.count
        let norm = J.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return (basis, 0) }
        // M = J(x)·Nᵀ (outputs × k), padded to at least k rows for the SVD.
        var m = [Double](repeating: 0, count: Swift.max(J.rows, k) * k)
        for i in 0..<J.rows {
            for (c, v) in basis.enumerated() {
                var s = 0.0
                for j in 0..<J.columns { s += J[i, j] * v[j] }
                m[i * k + c] = s
            }
        }
        guard let M = Matrix(rows: Swift.max(J.rows, k), columns: k, elements: m), let svd = try? M.singularValueDecomposition() else {
            return (basis, 0)
        }
        let moved = svd.singularValues.filter { $0 > 1e-8 * norm }.count
        guard moved > 0 else { return (basis, 0) }
        // The remaining directions: Nᵀ·(right singular vectors past the moved ones).
        let remaining = (moved..<k).map { r in
            (0..<basis[0].count).map { j in (0..<k).reduce(0.0) { $0 + svd.vt[r, $1] * basis[$1][j] } }
        }
        return (remaining, moved)
    }
}

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
            // One product for the whole walk screens out the pieces where no direction moves:
            // σ_max(J(x)·Nᵀ) ≤ ‖J(x)·Nᵀ‖_F, and the basis only shrinks along the walk.
            let candidates = walk.pieces.compactMap { piece -> (LineWalk.Piece, [Double])? in
                guard !piece.signs.flatMap({ $0 }).contains(0),
                    let x = domain.rationalPoint(walk.point(at: piece.interior).map(\.doubleValue)) else { return nil }
                return (piece, x.map(\.doubleValue))
            }
            let moving = try movingPieces(candidates.map(\.1), basis: basis)
            for (index, (piece, x)) in candidates.enumerated() where moving[index] {
                guard !basis.isEmpty, added < budget else { break }
                let pattern = piece.signs.flatMap { $0 }
                let moved = try movedPart(of: basis, at: x)
                guard moved.remaining.count < basis.count else { continue }
                let placed = try placeCluster(in: piece, of: walk, pattern: pattern, size: n + 1)
                guard placed > 0 else { continue }
                added += placed
                basis = moved.remaining
            }
        }
        return basis.count
    }

    /// For each point x, whether some direction of `basis` may move there: ‖J(x)·Nᵀ‖_F above
    /// the cut of ``movedPart(of:at:)`` (10⁻⁸·‖J(x)‖_F), from one Jacobian of all the points and
    /// one product (`dgemm`).
    private func movingPieces(_ points: [[Double]], basis: [[Double]]) throws(RankError) -> [Bool] {
        guard !points.isEmpty, let P = basis.first?.count else { return points.map { _ in false } }
        let J: Matrix<Double>
        do { J = try numeric.jacobian(at: points) } catch { throw .network(error) }
        guard let N = Matrix(rows: basis.count, columns: P, elements: basis.flatMap { $0 }),
            let M = J.multiplied(byTransposeOf: N)
        else { return points.map { _ in true } }
        let rowsPerPoint = J.rows / points.count
        return (0..<points.count).map { p in
            var jSquare = 0.0, mSquare = 0.0
            for r in (p * rowsPerPoint)..<((p + 1) * rowsPerPoint) {
                for j in 0..<J.columns { jSquare += J[r, j] * J[r, j] }
                for c in 0..<M.columns { mSquare += M[r, c] * M[r, c] }
            }
            return jSquare > 0 && mSquare > 1e-16 * jSquare
        }
    }

    /// Splits the span of `basis` at x: the orthonormal rows w of the span with J(x)·w = 0
    /// (cut at 10⁻⁸ of the largest |J(x)·v|, relative to ‖J(x)‖).
    private func movedPart(of basis: [[Double]], at x: [Double]) throws(RankError) -> (remaining: [[Double]], moved: Int) {
        let J: Matrix<Double>
        do { J = try numeric.jacobian(at: [x]) } catch { throw .network(error) }
        let k = basis.count
        let norm = J.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return (basis, 0) }
        let P = J.columns
        // M = J(x)·Nᵀ (outputs × k, `dgemm`), padded with zero rows to at least k rows for the SVD.
        guard let N = Matrix(rows: k, columns: P, elements: basis.flatMap { $0 }), let product = J.multiplied(byTransposeOf: N),
            let M = Matrix(rows: Swift.max(J.rows, k), columns: k,
                elements: product.elements + [Double](repeating: 0, count: Swift.max(0, k - J.rows) * k)),
            let svd = try? M.singularValueDecomposition()
        else { return (basis, 0) }
        let moved = svd.singularValues.filter { $0 > 1e-8 * norm }.count
        guard moved > 0 else { return (basis, 0) }
        guard moved < k else { return ([], k) }
        // The remaining directions: the right singular vectors past the moved ones, times N
        // (V[moved..<k]·N = V[moved..<k]·(Nᵀ)ᵀ, one `dgemm`).
        var tail: [Double] = []
        tail.reserveCapacity((k - moved) * k)
        for r in moved..<k { for c in 0..<k { tail.append(svd.vt[r, c]) } }
        var transposed = [Double](repeating: 0, count: P * k)
        for (c, v) in basis.enumerated() { for j in 0..<P { transposed[j * k + c] = v[j] } }
        guard let V = Matrix(rows: k - moved, columns: k, elements: tail),
            let Nt = Matrix(rows: P, columns: k, elements: transposed), let R = V.multiplied(byTransposeOf: Nt)
        else { return (basis, 0) }
        let remaining = (0..<R.rows).map { Array(R.elements[($0 * P)..<(($0 + 1) * P)]) }
        return (remaining, moved)
    }
}

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
        // The sketch of the basis for the seed batch.count; the basis changes only when points
        // are added, so lines walked between additions share it.
        var sketched: (seed: UInt64, matrix: Matrix<Double>?)? = nil
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
            let seed = UInt64(batch.count)
            if sketched?.seed != seed { sketched = (seed, Self.sketch(of: basis, seed: seed)) }
            let moving = try movingPieces(candidates.map(\.1), sketch: sketched?.matrix)
            for (index, (piece, x)) in candidates.enumerated() where moving[index] {
                guard !basis.isEmpty, added < budget else { break }
                let pattern = piece.signs.flatMap { $0 }
                let moved = try movedPart(of: basis, at: x)
                guard moved.remaining.count < basis.count else { continue }
                let placed = try placeCluster(in: piece, of: walk, pattern: pattern, size: n + 1, origin: .directedSearch)
                guard placed > 0 else { continue }
                added += placed
                basis = moved.remaining
            }
        }
        return basis.count
    }

    /// For each point x, whether some direction of `basis` may move there. With k orthonormal
    /// rows N, E‖J(x)·Nᵀg‖² = ‖J(x)·Nᵀ‖²_F for a standard Gaussian g, so s = min(k, 4) random
    /// combinations W = G·N (seeded apart from the batch's generator) screen all k
    /// directions at 4/k of the cost: x passes when Σᵢ‖J(x)·wᵢ‖² > 10⁻¹⁸·s·‖J(x)‖²_F, a
    /// hundredth of the cut of ``movedPart(of:at:)`` (10⁻⁸·‖J(x)‖_F on σ), which confirms every
    /// piece that passes. `W` is ``sketch(of:seed:)`` of the basis (`nil`: every point passes).
    /// The Jacobian is evaluated in chunks of at most 2048 rows and 2²⁴ entries.
    private func movingPieces(_ points: [[Double]], sketch W: Matrix<Double>?) throws(RankError) -> [Bool] {
        guard !points.isEmpty else { return [] }
        guard let W else { return points.map { _ in true } }
        let P = W.columns
        let rowsPerPoint = network.outputCount
        let chunk = Swift.max(1, Swift.min(2048, 16_777_216 / Swift.max(1, P)) / Swift.max(1, rowsPerPoint))
        var moving: [Bool] = []
        moving.reserveCapacity(points.count)
        for start in stride(from: 0, to: points.count, by: chunk) {
            let part = Array(points[start..<Swift.min(points.count, start + chunk)])
            let J: Matrix<Double>
            do { J = try numeric.jacobian(at: part) } catch { throw .network(error) }
            guard let M = J.multiplied(byTransposeOf: W) else { return points.map { _ in true } }
            for p in part.indices {
                var jSquare = 0.0, mSquare = 0.0
                for r in (p * rowsPerPoint)..<((p + 1) * rowsPerPoint) {
                    for j in 0..<J.columns { jSquare += J[r, j] * J[r, j] }
                    for c in 0..<M.columns { mSquare += M[r, c] * M[r, c] }
                }
                moving.append(jSquare > 0 && mSquare > 1e-18 * Double(W.rows) * jSquare)
            }
        }
        return moving
    }

    /// The basis itself when it has at most 4 rows, else 4 combinations of its rows with standard
    /// Gaussian coefficients (s × P); `nil` for rows of unequal lengths.
    static func sketch(of basis: [[Double]], seed: UInt64) -> Matrix<Double>? {
        let P = basis.first?.count ?? 0
        guard basis.count > 4 else { return Matrix(rows: basis.count, columns: P, elements: basis.flatMap { $0 }) }
        var rng = SplitMix64(seed: seed)
        var W = [Double](repeating: 0, count: 4 * P)
        for i in 0..<4 {
            for v in basis {
                let g = rng.nextGaussian()
                for c in 0..<P { W[i * P + c] += g * v[c] }
            }
        }
        return Matrix(rows: 4, columns: P, elements: W)
    }

    /// Splits the span of `basis` at x: the orthonormal rows w of the span with J(x)·w = 0
    /// (cut at 10⁻⁸ of the largest |J(x)·v|, relative to ‖J(x)‖). The moved directions are the
    /// right singular vectors of the small M = J(x)·Nᵀ (outputs × k, thin SVD) above the cut;
    /// ``removing(_:from:)`` takes them out of the basis.
    private func movedPart(of basis: [[Double]], at x: [Double]) throws(RankError) -> (remaining: [[Double]], moved: Int) {
        let J: Matrix<Double>
        do { J = try numeric.jacobian(at: [x]) } catch { throw .network(error) }
        let k = basis.count
        let norm = J.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, let P = basis.first?.count else { return (basis, 0) }
        guard let N = Matrix(rows: k, columns: P, elements: basis.flatMap { $0 }), let M = J.multiplied(byTransposeOf: N),
            let svd = try? M.singularValueDecomposition()
        else { return (basis, 0) }
        let moved = svd.singularValues.filter { $0 > 1e-8 * norm }.count
        guard moved > 0 else { return (basis, 0) }
        guard moved < k else { return ([], k) }
        let directions = (0..<moved).map { Array(svd.vt.row($0)) }
        return (Self.removing(directions, from: basis), moved)
    }

    /// The orthonormal rows of span(`basis`) orthogonal to the directions cᵢ·N for orthonormal
    /// coefficient rows cᵢ (N: the k orthonormal rows of `basis`). A Householder reflection H
    /// with H·c₁ = ±e₁ turns N into H·N, whose rows are orthonormal, span the same space and
    /// whose first row is ±c₁·N; the others are the basis without c₁. The next cᵢ, orthogonal to
    /// c₁, become H·cᵢ, whose first coordinate is 0, and the step repeats on the rows left:
    /// ≈ 4·k·P flops per direction, against the k³ of an SVD of a k × k matrix.
    static func removing(_ directions: [[Double]], from basis: [[Double]]) -> [[Double]] {
        var rows = basis
        var cs = directions
        let P = basis.first?.count ?? 0
        for i in cs.indices {
            let c = cs[i], m = c.count
            let length = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
            var u = c
            u[0] += c[0] >= 0 ? length : -length
            let uu = u.reduce(0) { $0 + $1 * $1 }
            if uu > 0 {
                var w = [Double](repeating: 0, count: P)
                for l in 0..<m where u[l] != 0 { for j in 0..<P { w[j] += u[l] * rows[i + l][j] } }
                for l in 0..<m where u[l] != 0 {
                    let f = 2 * u[l] / uu
                    for j in 0..<P { rows[i + l][j] -= f * w[j] }
                }
                for t in (i + 1)..<cs.count {
                    let f = 2 * zip(u, cs[t]).reduce(0) { $0 + $1.0 * $1.1 } / uu
                    for l in 0..<m { cs[t][l] -= f * u[l] }
                }
            }
            for t in (i + 1)..<cs.count { cs[t].removeFirst() }
        }
        return Array(rows[cs.count...])
    }
}

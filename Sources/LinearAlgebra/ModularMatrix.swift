/// Arithmetic in the prime field 𝔽_p for a prime p < 2³¹, tuned for dense elimination.
///
/// Entries are `UInt32` residues in `0..<p`. A product `f·x` by a multiplier `f` that is fixed for a
/// whole row operation uses Shoup's precomputed quotient f′ = ⌊f·2³²/p⌋: with q = ⌊x·f′/2³²⌋,
/// `f·x − q·p` lies in [0, 2p), so one conditional subtraction reduces it — no division in the
/// inner loop, and every intermediate fits in 64 bits (V. Shoup, *NTL*, "MulModPrecon").
/// Primes below 2³¹ were chosen over the 62-bit ``Modular/primes`` by measurement: the
/// elimination is several times faster, and an unlucky prime (one dividing the relevant minor)
/// is detected and replaced anyway.
struct PrimeField: Sendable {
    let p: UInt32

    /// `p` must be a prime below 2³¹ (checked by the callers that take it from input).
    init(_ p: UInt32) { self.p = p }

    @inline(__always) func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: (UInt64(a) &* UInt64(b)) % UInt64(p))
    }

    @inline(__always) func negate(_ a: UInt32) -> UInt32 { a == 0 ? 0 : p &- a }

    /// a^(p−2) = a⁻¹ for a ≠ 0 (Fermat).
    func inverse(_ a: UInt32) -> UInt32 {
        var result: UInt32 = 1, base = a % p, e = p - 2
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base) }
            base = multiply(base, base)
            e >>= 1
        }
        return result
    }

    /// Shoup's precomputed quotient for the multiplier `f` (< p).
    @inline(__always) func shoup(_ f: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: (UInt64(f) << 32) / UInt64(p))
    }

    /// `dst[k] ← dst[k] − f·src[k] mod p` for `k` in `0..<count`.
    @inline(__always)
    func subtractMultiple(_ dst: UnsafeMutablePointer<UInt32>, _ src: UnsafePointer<UInt32>, count: Int, _ f: UInt32) {
        let fs = shoup(f), p = self.p
        for k in 0..<count {
            let x = src[k]
            let q = UInt32(truncatingIfNeeded: (UInt64(x) &* UInt64(fs)) &>> 32)
            var t = x &* f &- q &* p
            t = t >= p ? t &- p : t
            let d = dst[k] &+ p &- t
            dst[k] = d >= p ? d &- p : d
        }
    }

    /// `row[k] ← f·row[k] mod p` for `k` in `0..<count`.
    @inline(__always)
    func scale(_ row: UnsafeMutablePointer<UInt32>, count: Int, by f: UInt32) {
        let fs = shoup(f), p = self.p
        for k in 0..<count {
            let x = row[k]
            let q = UInt32(truncatingIfNeeded: (UInt64(x) &* UInt64(fs)) &>> 32)
            let t = x &* f &- q &* p
            row[k] = t >= p ? t &- p : t
        }
    }

    /// Deterministic primality for every 64-bit n (Miller–Rabin with the first twelve prime bases,
    /// which has no pseudoprimes below 3.3·10²⁴).
    static func isPrime(_ n: UInt64) -> Bool {
        if n < 2 { return false }
        let small: [UInt64] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        for q in small where n % q == 0 { return n == q }
        var d = n - 1, s = 0
        while d & 1 == 0 { d >>= 1; s += 1 }
        func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (h, l) = a.multipliedFullWidth(by: b)
            return n.dividingFullWidth((h, l)).remainder
        }
        func powmod(_ a: UInt64, _ e: UInt64) -> UInt64 {
            var r: UInt64 = 1, b = a % n, e = e
            while e > 0 {
                if e & 1 == 1 { r = mulmod(r, b) }
                b = mulmod(b, b)
                e >>= 1
            }
            return r
        }
        witnesses: for a in small {
            var x = powmod(a, d)
            if x == 1 || x == n - 1 { continue }
            for _ in 1..<max(s, 1) {
                x = mulmod(x, x)
                if x == n - 1 { continue witnesses }
            }
            return false
        }
        return true
    }

    /// The primes below 2³¹ in decreasing order, as many as exact-rank computations may use
    /// before falling back to elimination over ℚ.
    static let primes: [UInt32] = {
        var out: [UInt32] = []
        var n: UInt32 = (1 << 31) - 1
        while out.count < 128 {
            if isPrime(UInt64(n)) { out.append(n) }
            n -= 2
        }
        return out
    }()

    /// The primes below 2³¹ in decreasing order, starting after the fixed list, without end.
    static func primes(after start: UInt32) -> some Sequence<UInt32> {
        sequence(state: start) { n -> UInt32? in
            while n > 3 {
                n -= n % 2 == 0 ? 1 : 2
                if isPrime(UInt64(n)) { return n }
            }
            return nil
        }
    }
}

/// Row echelon form of (some rows of) a matrix over 𝔽_p.
///
/// Row k of ``basis`` is a combination of the original rows ``pivotRows``[0…k] with entry 1 at
/// column ``pivotColumns``[k] and 0 at the earlier pivot columns. The rows named in ``pivotRows``
/// are linearly independent mod p, and the submatrix on those rows and ``pivotColumns`` is
/// nonsingular mod p.
struct ModularEchelon {
    var rank: Int { pivotColumns.count }
    var pivotRows: [Int] = []
    var pivotColumns: [Int] = []
    /// First possibly nonzero column of each basis row (row operations start there).
    var starts: [Int] = []
    /// `rank × columns`, row-major.
    var basis: [UInt32] = []
    let columns: Int
}

/// A dense matrix of residues mod a prime p < 2³¹, row-major.
struct ModularMatrix {
    let rows: Int
    let columns: Int
    var entries: [UInt32]
    let field: PrimeField

    /// The row echelon form by left-looking blocked Gaussian elimination.
    ///
    /// Rows are taken in the order `rowOrder` (default: all rows in order), in blocks: each block
    /// is reduced against every existing basis row (one pass over a basis row serves the whole
    /// block, so the basis streams through the cache once per block, not once per row), then
    /// against the new rows of the block. A row that stays nonzero becomes a basis row with pivot
    /// at its first nonzero column among `allowedPivots` (all columns when `nil`).
    ///
    /// When `requireAllRows` is set, every row must become a pivot row (the caller expects the
    /// rows to be independent on the allowed columns): the result is `nil` otherwise.
    /// Stops early once the rank equals the number of allowed columns.
    func echelon(rowOrder: [Int]? = nil, allowedPivots: [Bool]? = nil, requireAllRows: Bool = false) -> ModularEchelon? {
        let n = columns, order = rowOrder ?? Array(0..<rows)
        let maxRank = allowedPivots.map { $0.lazy.filter { $0 }.count } ?? n
        var result = ModularEchelon(columns: n)
        guard n > 0, maxRank > 0, !order.isEmpty else {
            if requireAllRows && !order.isEmpty { return nil }
            return result
        }
        let capacity = min(order.count, maxRank)
        let basis = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * n)
        defer { basis.deallocate() }
        let blockSize = max(1, min(32, (1 << 18) / max(1, n * 4)))
        let block = UnsafeMutablePointer<UInt32>.allocate(capacity: blockSize * n)
        defer { block.deallocate() }
        let field = self.field
        var r = 0
        var failed = false
        entries.withUnsafeBufferPointer { a in
            var blockStart = 0
            outer: while blockStart < order.count && r < maxRank {
                let b = min(blockSize, order.count - blockStart)
                for t in 0..<b {
                    (block + t * n).update(from: a.baseAddress! + order[blockStart + t] * n, count: n)
                }
                let oldR = r
                for k in 0..<oldR {
                    let c = result.pivotColumns[k], s = result.starts[k]
                    let src = UnsafePointer(basis + k * n + s)
                    for t in 0..<b {
                        let row = block + t * n
                        let f = row[c]
                        if f != 0 { field.subtractMultiple(row + s, src, count: n - s, f) }
                    }
                }
                for t in 0..<b {
                    let row = block + t * n
                    for k in oldR..<r {
                        let c = result.pivotColumns[k], s = result.starts[k]
                        let f = row[c]
                        if f != 0 { field.subtractMultiple(row + s, basis + k * n + s, count: n - s, f) }
                    }
                    var first = -1, pivot = -1
                    for j in 0..<n where row[j] != 0 {
                        if first < 0 { first = j }
                        if allowedPivots?[j] ?? true { pivot = j; break }
                    }
                    if pivot < 0 {
                        if requireAllRows { failed = true; break outer }
                        continue
                    }
                    field.scale(row + first, count: n - first, by: field.inverse(row[pivot]))
                    (basis + r * n).update(from: row, count: n)
                    result.pivotRows.append(order[blockStart + t])
                    result.pivotColumns.append(pivot)
                    result.starts.append(first)
                    r += 1
                    if r == maxRank { break outer }
                }
                blockStart += b
            }
        }
        if failed || (requireAllRows && r < order.count) { return nil }
        result.basis = Array(UnsafeBufferPointer(start: basis, count: r * n))
        return result
    }
}

extension ModularEchelon {
    /// The non-pivot columns, increasing.
    var freeColumns: [Int] {
        var isPivot = [Bool](repeating: false, count: columns)
        for c in pivotColumns { isPivot[c] = true }
        return (0..<columns).filter { !isPivot[$0] }
    }

    /// The null space mod p in the normalisation of the certificate: for the t-th free column
    /// f_t, the vector v with v[f_t] = 1, v = 0 on the other free columns, and v[pivotColumns[k]] =
    /// `result[k * freeCount + t]` (returned row-major, `rank × freeCount`).
    ///
    /// Back substitution on the free columns only: with basis row k already free of every later
    /// pivot column, subtracting basis_j[c_k]·(row k) from each earlier row j leaves the reduced
    /// row echelon form, whose free-column block Q gives v_C = −Q·v_F.
    func nullSpaceResidues(field: PrimeField) -> [UInt32] {
        let free = freeColumns, k = free.count, r = rank, n = columns
        guard k > 0 else { return [] }
        var q = [UInt32](repeating: 0, count: r * k)
        q.withUnsafeMutableBufferPointer { qp in
            let q = qp.baseAddress!
            basis.withUnsafeBufferPointer { bp in
                for j in 0..<r {
                    for t in 0..<k { q[j * k + t] = bp[j * n + free[t]] }
                }
                for kk in stride(from: r - 1, through: 1, by: -1) {
                    let c = pivotColumns[kk]
                    for j in 0..<kk {
                        let f = bp[j * n + c]
                        if f != 0 { field.subtractMultiple(q + j * k, q + kk * k, count: k, f) }
                    }
                }
            }
            for i in 0..<(r * k) { q[i] = field.negate(q[i]) }
        }
        return q
    }
}

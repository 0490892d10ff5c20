import CGMP

/// Read-only access to the GMP value behind a ``Rational``, for kernels (exact rank, null
/// spaces) that work on GMP integers directly instead of allocating a Swift value per step.
extension Rational {
    /// Calls `body` with a pointer to this value's `mpq_t`. The pointer is valid only during the
    /// call and must not be written through: for a big value it is the (possibly shared)
    /// storage, for a small value a read-only view whose limbs live on the stack (GMP's
    /// `mpz_roinit_n` convention), so no allocation happens either way. Kernels that want to
    /// skip GMP for small values read ``smallParts`` first.
    public func withUnsafeGMPValue<Result>(_ body: (UnsafePointer<__mpq_struct>) throws -> Result) rethrows -> Result {
        switch representation {
        case .small(let p, let q):
            return try Rational.withView(negative: p < 0, UInt128(p.magnitude), UInt128(q), body)
        case .big(let s):
            return try withExtendedLifetime(s) { try body(UnsafePointer(s.pointer)) }
        }
    }

    /// Numerator and denominator (lowest terms, denominator ≥ 1) as 64-bit integers when the
    /// value is held in the small form (|p|, q ≤ 2⁶³ − 1), `nil` otherwise.
    public var smallParts: (numerator: Int64, denominator: Int64)? {
        if case .small(let p, let q) = representation { return (p, q) }
        return nil
    }

    /// A copy of the rational held by `value`, which must be canonical (lowest terms, positive
    /// denominator), as every `mpq_t` produced by GMP's arithmetic is.
    public init(copyingGMPValue value: UnsafePointer<__mpq_struct>) {
        if let (p, q) = Rational.smallParts(of: value) {
            self.init(smallNumerator: p, denominator: q)
            return
        }
        self = Rational.make { __gmpq_set($0, value) }
    }

    /// `numerator / denominator` from GMP integers; `nil` when the denominator is zero.
    public init?(gmpNumerator numerator: UnsafePointer<__mpz_struct>, denominator: UnsafePointer<__mpz_struct>) {
        guard nnid_mpz_sgn(denominator) != 0 else { return nil }
        let n = numerator.pointee, d = denominator.pointee
        if abs(n._mp_size) <= 1, abs(d._mp_size) == 1 {
            // Both fit in one limb: reduce in 64-bit arithmetic, no GMP value needed.
            let a = n._mp_size == 0 ? 0 : UInt64(n._mp_d[0]), b = UInt64(d._mp_d[0])
            self = Rational.reducing(negative: (n._mp_size < 0) != (d._mp_size < 0), UInt128(a), UInt128(b))
            return
        }
        self = Rational.make { r in
            __gmpz_set(nnid_mpq_numref(r), numerator)
            __gmpz_set(nnid_mpq_denref(r), denominator)
            __gmpq_canonicalize(r)
        }
    }
}

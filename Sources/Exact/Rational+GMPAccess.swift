import CGMP

/// Read-only access to the GMP value behind a ``Rational``, for kernels (exact rank, null
/// spaces) that work on GMP integers directly instead of allocating a Swift value per step.
extension Rational {
    /// Calls `body` with a pointer to this value's `mpq_t`. The pointer is valid only during the
    /// call and must not be written through (the storage may be shared by copies).
    public func withUnsafeGMPValue<Result>(_ body: (UnsafePointer<__mpq_struct>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) { try body(UnsafePointer(storage.pointer)) }
    }

    /// A copy of the rational held by `value`, which must be canonical (lowest terms, positive
    /// denominator), as every `mpq_t` produced by GMP's arithmetic is.
    public init(copyingGMPValue value: UnsafePointer<__mpq_struct>) {
        storage = RationalStorage()
        __gmpq_set(storage.pointer, value)
    }

    /// `numerator / denominator` from GMP integers; `nil` when the denominator is zero.
    public init?(gmpNumerator numerator: UnsafePointer<__mpz_struct>, denominator: UnsafePointer<__mpz_struct>) {
        guard nnid_mpz_sgn(denominator) != 0 else { return nil }
        storage = RationalStorage()
        __gmpz_set(nnid_mpq_numref(storage.pointer), numerator)
        __gmpz_set(nnid_mpq_denref(storage.pointer), denominator)
        __gmpq_canonicalize(storage.pointer)
    }
}

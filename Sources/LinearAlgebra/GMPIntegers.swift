import CGMP

/// A fixed-size block of initialised GMP integers (`mpz_t`), cleared on deinit: scratch space for
/// exact kernels that would otherwise allocate one Swift value per arithmetic step.
final class GMPIntegers {
    let count: Int
    let base: UnsafeMutablePointer<__mpz_struct>

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        for i in 0..<count { __gmpz_init(base + i) }
    }

    deinit {
        for i in 0..<count { __gmpz_clear(base + i) }
        base.deallocate()
    }

    @inline(__always) subscript(_ i: Int) -> UnsafeMutablePointer<__mpz_struct> { base + i }
}

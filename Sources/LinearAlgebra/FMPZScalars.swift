import CFLINT

/// A fixed number of FLINT integers, initialised to 0 and cleared on deinit.
final class FMPZScalars {
    let base: UnsafeMutablePointer<fmpz>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        for i in 0..<count { fmpz_clear(base + i) }
        base.deallocate()
    }

    @inline(__always) subscript(_ i: Int) -> UnsafeMutablePointer<fmpz> { base + i }
}

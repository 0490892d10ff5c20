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

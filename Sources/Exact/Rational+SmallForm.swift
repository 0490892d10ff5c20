import CGMP

/// The machinery behind ``Rational``'s two forms: exact 64/128-bit arithmetic on small values,
/// conversion between the forms, and read-only GMP views of small values.
///
/// Bounds used throughout: a small value p/q has |p| ≤ 2⁶³ − 1 and 1 ≤ q ≤ 2⁶³ − 1, so a product
/// of two such integers is below 2¹²⁶ in magnitude and a sum of two such products below 2¹²⁷:
/// every intermediate below is exact in `Int128` / `UInt128`. Results are reduced to lowest
/// terms and then stored small when they fit, big otherwise — never rounded.
extension Rational {
    // MARK: Greatest common divisors

    /// gcd(a, b) by Stein's binary algorithm, with a shortcut when either is a power of two
    /// (the denominators of dyadic rationals), where the gcd is a power of two read off the
    /// trailing zero bits. gcd(0, b) = b.
    @inline(__always)
    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        if a == 0 { return b }
        if b == 0 { return a }
        if a & (a &- 1) == 0 || b & (b &- 1) == 0 {
            return 1 << Swift.min(a.trailingZeroBitCount, b.trailingZeroBitCount)
        }
        let shift = (a | b).trailingZeroBitCount
        var u = a >> a.trailingZeroBitCount
        var v = b
        repeat {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        } while v != 0
        return u << shift
    }

    /// gcd(a, b) for b ≥ 1, reducing a modulo b first when a exceeds 64 bits.
    static func gcd(_ a: UInt128, _ b: UInt64) -> UInt64 {
        if a >> 64 == 0 { return gcd(UInt64(truncatingIfNeeded: a), b) }
        return gcd(b, UInt64(truncatingIfNeeded: a % UInt128(b)))
    }

    /// a / b for b ≥ 1, in 64 bits when a fits.
    @inline(__always)
    static func divide(_ a: UInt128, _ b: UInt64) -> UInt128 {
        if b == 1 { return a }
        if a >> 64 == 0 { return UInt128(UInt64(truncatingIfNeeded: a) / b) }
        return a / UInt128(b)
    }

    // MARK: Building values

    /// ±n/d for coprime n and d ≥ 1: small when it fits, otherwise a GMP value built from a
    /// stack view (no intermediate allocations).
    static func fromReduced(negative: Bool, _ n: UInt128, _ d: UInt128) -> Rational {
        let limit = UInt128(Int64.max)
        if n <= limit, d <= limit {
            let m = Int64(truncatingIfNeeded: n)
            return Rational(smallNumerator: negative ? -m : m, denominator: Int64(truncatingIfNeeded: d))
        }
        return withView(negative: negative, n, d) { view in
            let s = RationalStorage()
            __gmpq_set(s.pointer, view)
            return Rational(storage: s)
        }
    }

    /// ±n/d reduced to lowest terms, for d ≥ 1.
    static func reducing(negative: Bool, _ n: UInt128, _ d: UInt128) -> Rational {
        if n >> 64 == 0, d >> 64 == 0 {
            let a = UInt64(truncatingIfNeeded: n), b = UInt64(truncatingIfNeeded: d)
            let g = gcd(a, b)
            return fromReduced(negative: negative, UInt128(a / g), UInt128(b / g))
        }
        return withView(negative: negative, n, d) { view in
            make { r in
                __gmpq_set(r, view)
                __gmpq_canonicalize(r)
            }
        }
    }

    /// A big value from storage known not to fit the small form.
    init(storage: RationalStorage) { representation = .big(storage) }

    /// The small form of a canonical GMP value, or `nil` when it does not fit (|p| or q above
    /// 2⁶³ − 1). Reads the limbs directly: a fitting value has at most one limb on each side.
    static func smallParts(of q: UnsafePointer<__mpq_struct>) -> (Int64, Int64)? {
        let num = q.pointee._mp_num, den = q.pointee._mp_den
        guard den._mp_size == 1, num._mp_size >= -1, num._mp_size <= 1 else { return nil }
        let d = den._mp_d[0]
        guard d <= UInt(Int64.max) else { return nil }
        if num._mp_size == 0 { return (0, 1) }
        let m = num._mp_d[0]
        guard m <= UInt(Int64.max) else { return nil }
        return (num._mp_size < 0 ? -Int64(m) : Int64(m), Int64(d))
    }

    // MARK: Small arithmetic

    /// p/q + r/s for small operands (Henrici's algorithm, Knuth TAOCP vol. 2 §4.5.1): with
    /// g = gcd(q, s), t = p·(s/g) + r·(q/g) and g₂ = gcd(t, g), the sum in lowest terms is
    /// (t/g₂) / ((q/g)·(s/g₂)). Exact in 128 bits; stored small when it fits.
    static func sum(_ p: Int64, _ q: Int64, _ r: Int64, _ s: Int64) -> Rational {
        if q == s {
            let (t, overflow) = p.addingReportingOverflow(r)
            if !overflow, t != .min {
                if q == 1 { return Rational(smallNumerator: t, denominator: 1) }
                let g = Int64(gcd(t.magnitude, UInt64(q)))
                return Rational(smallNumerator: t / g, denominator: q / g)
            }
        }
        let g = gcd(UInt64(q), UInt64(s))
        let q1 = q / Int64(g), s1 = s / Int64(g)
        if g == 1 {
            let (ps, o1) = p.multipliedReportingOverflow(by: s)
            let (rq, o2) = r.multipliedReportingOverflow(by: q)
            let (qs, o3) = q.multipliedReportingOverflow(by: s)
            if !(o1 || o2 || o3) {
                let (t, o4) = ps.addingReportingOverflow(rq)
                if !o4, t != .min { return Rational(smallNumerator: t, denominator: qs) }
            }
        }
        let t = Int128(p) * Int128(s1) + Int128(r) * Int128(q1)
        let g2 = g == 1 ? 1 : gcd(t.magnitude, g)
        return fromReduced(negative: t < 0, divide(t.magnitude, g2), UInt128(q1) * UInt128(UInt64(s) / g2))
    }

    /// p/q · r/s for small operands as ±n/d in lowest terms: cancelling g₁ = gcd(p, s) and
    /// g₂ = gcd(r, q) first leaves coprime factors, so n = (p/g₁)(r/g₂), d = (q/g₂)(s/g₁)
    /// need no further reduction. Each is below 2¹²⁶.
    @inline(__always)
    static func wideProduct(_ p: Int64, _ q: Int64, _ r: Int64, _ s: Int64) -> (negative: Bool, n: UInt128, d: UInt128) {
        if p == 0 || r == 0 { return (false, 0, 1) }
        let g1 = gcd(p.magnitude, UInt64(s)), g2 = gcd(r.magnitude, UInt64(q))
        let a = p.magnitude / g1, b = UInt64(s) / g1, c = r.magnitude / g2, d = UInt64(q) / g2
        return ((p < 0) != (r < 0), UInt128(a) * UInt128(c), UInt128(b) * UInt128(d))
    }

    /// p/q · r/s for small operands (see ``wideProduct(_:_:_:_:)``), stored small when it fits.
    static func product(_ p: Int64, _ q: Int64, _ r: Int64, _ s: Int64) -> Rational {
        let (negative, n, d) = wideProduct(p, q, r, s)
        return fromReduced(negative: negative, n, d)
    }

    // MARK: GMP views and fallbacks

    /// Calls `body` with a read-only GMP rational ±n/d (coprime, d ≥ 1) whose limbs live on the
    /// stack, in the form GMP's `mpz_roinit_n` documents: usable as an input operand of any GMP
    /// function, never as an output. Valid only during the call.
    static func withView<R, E: Error>(
        negative: Bool, _ n: UInt128, _ d: UInt128,
        _ body: (UnsafePointer<__mpq_struct>) throws(E) -> R
    ) throws(E) -> R {
        var limbs: (mp_limb_t, mp_limb_t, mp_limb_t, mp_limb_t) = (
            mp_limb_t(truncatingIfNeeded: n), mp_limb_t(truncatingIfNeeded: n >> 64),
            mp_limb_t(truncatingIfNeeded: d), mp_limb_t(truncatingIfNeeded: d >> 64))
        let numeratorSize: Int32 = n == 0 ? 0 : (n >> 64 == 0 ? 1 : 2)
        let denominatorSize: Int32 = d >> 64 == 0 ? 1 : 2
        return try withUnsafeMutablePointer(to: &limbs) { (tuple) throws(E) -> R in
            let l = UnsafeMutableRawPointer(tuple).assumingMemoryBound(to: mp_limb_t.self)
            var q = __mpq_struct(
                _mp_num: __mpz_struct(_mp_alloc: 0, _mp_size: negative ? -numeratorSize : numeratorSize, _mp_d: l),
                _mp_den: __mpz_struct(_mp_alloc: 0, _mp_size: denominatorSize, _mp_d: l + 2))
            return try withUnsafePointer(to: &q) { (pointer) throws(E) -> R in try body(pointer) }
        }
    }

    /// Calls `body` with a read-only GMP rational holding this value: the shared storage of a
    /// big value, or a stack view of a small one (no allocation either way).
    @inline(__always)
    func withGMP<R, E: Error>(_ body: (UnsafePointer<__mpq_struct>) throws(E) -> R) throws(E) -> R {
        switch representation {
        case .small(let p, let q):
            return try Rational.withView(negative: p < 0, UInt128(p.magnitude), UInt128(q), body)
        case .big(let s):
            return try withExtendedLifetime(s) { () throws(E) -> R in try body(UnsafePointer(s.pointer)) }
        }
    }

    /// `op(a, b)` computed by GMP into a fresh value, normalised.
    static func viaGMP(_ a: Rational, _ b: Rational, _ op: GMPRationalOperation) -> Rational {
        a.withGMP { x in b.withGMP { y in make { op($0, x, y) } } }
    }

    /// `self = op(self, b)` by GMP: in place when `self` is big and uniquely referenced.
    mutating func update(with b: Rational, _ op: GMPRationalOperation) {
        b.withGMP { y in update(with: y, op) }
    }

    /// `self = op(self, y)` by GMP for a GMP operand `y` that does not live in `self`'s storage.
    mutating func update(with y: UnsafePointer<__mpq_struct>, _ op: GMPRationalOperation) {
        if case .big(var s) = representation {
            representation = .small(0, 1)  // drop this reference so `s` can be unique
            if !isKnownUniquelyReferenced(&s) { s = RationalStorage(copying: s) }
            op(s.pointer, UnsafePointer(s.pointer), y)
            self = Rational(normalizing: s)
        } else {
            self = withGMP { x in Rational.make { op($0, x, y) } }
        }
    }
}

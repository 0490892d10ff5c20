/// Arithmetic in ℤ/pℤ for a modulus below 2⁶³, used by exact-rank computations.
///
/// Products use the full 128-bit intermediate, so no reduction is ever lost.
public enum Modular {
    /// `a · b mod p` for `a, b < p`.
    @inlinable
    public static func multiply(_ a: UInt, _ b: UInt, _ p: UInt) -> UInt {
        let (high, low) = a.multipliedFullWidth(by: b)
        return p.dividingFullWidth((high, low)).remainder
    }

    /// `a + b mod p` for `a, b < p`.
    @inlinable
    public static func add(_ a: UInt, _ b: UInt, _ p: UInt) -> UInt {
        let s = a &+ b
        return (s >= p || s < a) ? s &- p : s
    }

    /// `a − b mod p` for `a, b < p`.
    @inlinable
    public static func subtract(_ a: UInt, _ b: UInt, _ p: UInt) -> UInt {
        a >= b ? a - b : a &+ (p &- b)
    }

    /// `a^e mod p`.
    public static func power(_ a: UInt, _ e: UInt, _ p: UInt) -> UInt {
        var result: UInt = 1 % p, base = a % p, e = e
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base, p) }
            base = multiply(base, base, p)
            e >>= 1
        }
        return result
    }

    /// The inverse of a nonzero `a` modulo the prime `p` (Fermat: a^(p−2)).
    public static func inverse(_ a: UInt, _ p: UInt) -> UInt {
        power(a, p - 2, p)
    }

    /// Large primes below 2⁶², for reductions where an unlucky prime is retried with the next.
    public static let primes: [UInt] = [
        4_611_686_018_427_387_847, 4_611_686_018_427_387_817, 4_611_686_018_427_387_787,
        4_611_686_018_427_387_761, 4_611_686_018_427_387_751, 4_611_686_018_427_387_737,
    ]
}

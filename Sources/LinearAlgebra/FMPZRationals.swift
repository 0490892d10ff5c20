import CFLINT
import CGMP
import Exact

/// Rationals written into FLINT integers over a common denominator.
enum FMPZRationals {
    /// `target` ← lcm(`target`, denominator of q).
    static func includeDenominator(of q: Rational, in target: UnsafeMutablePointer<fmpz>, scratch: FMPZScalars) {
        if let (_, d) = q.smallParts {
            if d != 1 {
                fmpz_set_si(scratch[0], Int(d))
                fmpz_lcm(target, target, scratch[0])
            }
            return
        }
        q.withUnsafeGMPValue { g in nnid_fmpz_set_mpz(scratch[0], nnid_mpq_denref_const(g)) }
        fmpz_lcm(target, target, scratch[0])
    }

    /// `target` ← q·`scale`, an integer when the denominator of q divides `scale`.
    static func set(_ target: UnsafeMutablePointer<fmpz>, to q: Rational, times scale: UnsafePointer<fmpz>, scratch: FMPZScalars) {
        if q.isZero { fmpz_zero(target); return }
        if let (n, d) = q.smallParts {
            fmpz_divexact_ui(target, scale, UInt(d))
            fmpz_mul_si(target, target, Int(n))
            return
        }
        q.withUnsafeGMPValue { g in
            nnid_fmpz_set_mpz(scratch[0], nnid_mpq_numref_const(g))
            nnid_fmpz_set_mpz(scratch[1], nnid_mpq_denref_const(g))
        }
        fmpz_divexact(scratch[1], scale, scratch[1])
        fmpz_mul(target, scratch[0], scratch[1])
    }
}

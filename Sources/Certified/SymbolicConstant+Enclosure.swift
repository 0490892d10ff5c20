import Exact
import Networks

extension SymbolicConstant {
    /// Working precisions (bits) tried in turn by ``sign`` and ``nearest(in:)``: their budget.
    public static let certifiedPrecisions = [64, 128, 256, 512, 1024, 4096]

    /// A certified enclosure of the constant's value, by Arb's ball arithmetic at `precision` bits.
    public func enclosure(precision: Int) -> Enclosure {
        let ball = BallVector([self], precision: precision)
        return ball.enclosure(0)
    }

    /// The sign of the value (−1, 0 or 1), decided: 0 exactly for the constant 0 (a nonzero
    /// normal form is irrational, hence not 0 — proofs/symbolic-constant-normal-form.md), and
    /// otherwise from the first enclosure of ``certifiedPrecisions`` that excludes 0. `nil` when
    /// no enclosure in that ladder does (a value within about 2⁻⁴⁰⁰⁰ of 0).
    public var sign: Int? {
        if isRational { return rational.signum }
        for p in Self.certifiedPrecisions {
            let e = enclosure(precision: p)
            if let l = e.lower, l.signum > 0 { return 1 }
            if let u = e.upper, u.signum < 0 { return -1 }
        }
        return nil
    }

    /// The element of a finite set of rationals nearest to the value, as decided by certified
    /// enclosures: `round` maps a rational to its nearest representable number (the caller's
    /// rounding, e.g. to a tensor element type). The answer is the common rounding of both ends
    /// of the first enclosure whose ends round alike — then every point of the enclosure, the
    /// value included, rounds to it — together with a rational bound on |answer − value|.
    /// `nil` when no precision of ``certifiedPrecisions`` separates the value from a rounding
    /// boundary.
    public func nearest(rounding round: (Rational) -> Rational?) -> (value: Rational, errorBound: Rational)? {
        if isRational { return round(rational).map { ($0, ($0 - rational).magnitude) } }
        for p in Self.certifiedPrecisions {
            let e = enclosure(precision: p)
            guard let l = e.lower, let u = e.upper, let rl = round(l), let ru = round(u), rl == ru else { continue }
            return (rl, max((rl - l).magnitude, (rl - u).magnitude))
        }
        return nil
    }
}

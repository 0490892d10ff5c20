import CArb
import CGMP
import Exact
import Networks

/// A vector of Arb balls [m ± r]: each entry is a set of reals guaranteed to contain the value
/// it stands for. Arb's arithmetic is rigorous: the result ball of every operation contains
/// every result of the operation on points of the argument balls (Johansson 2017, "Arb: efficient
/// arbitrary-precision midpoint-radius interval arithmetic"). `precision` is the working
/// precision of midpoints in bits; it changes radii, never correctness.
///
/// A reference type because it owns C memory (freed on deinit); never shared across threads.
final class BallVector {
    let count: Int
    let pointer: arb_ptr

    init(count: Int) {
        self.count = count
        pointer = nnid_arb_vec_new(max(1, count))
    }

    deinit { nnid_arb_vec_free(pointer, max(1, count)) }

    subscript(i: Int) -> arb_ptr { nnid_arb_at(pointer, i) }

    /// Entry i = the ball around the exact rational q (exact when q is a dyadic that fits
    /// `precision` bits; otherwise a ball of radius about 2^−precision·|q| containing q).
    func set(_ i: Int, to q: Rational, precision: Int) {
        if let (p, d) = q.smallParts {
            nnid_arb_set_small(self[i], Int(p), Int(d), precision)
        } else {
            q.withUnsafeGMPValue { nnid_arb_set_mpq(self[i], UnsafeRawPointer($0), precision) }
        }
    }

    /// Entry i = a ball containing the exact real q + Σ cₖ·tanh(rₖ) (Arb's rigorous tanh; exact
    /// for a rational constant whose q is a short dyadic).
    func set(_ i: Int, to s: SymbolicConstant, precision: Int) {
        set(i, to: s.rational, precision: precision)
        guard !s.terms.isEmpty else { return }
        let scratch = BallVector(count: 2)
        for term in s.terms {
            scratch.set(0, to: term.argument, precision: precision)
            arb_tanh(scratch[0], scratch[0], precision)
            scratch.set(1, to: term.coefficient, precision: precision)
            arb_mul(scratch[0], scratch[0], scratch[1], precision)
            arb_add(self[i], self[i], scratch[0], precision)
        }
    }

    /// The vector of the exact constants `values`.
    convenience init(_ values: [SymbolicConstant], precision: Int) {
        self.init(count: values.count)
        for (i, s) in values.enumerated() { set(i, to: s, precision: precision) }
    }

    /// Entry i = a ball containing every point of the closed interval [lower, upper].
    func set(_ i: Int, lower: Rational, upper: Rational, precision: Int) {
        let scratch = BallVector(count: 1)
        set(i, to: lower, precision: precision)
        scratch.set(0, to: upper, precision: precision)
        arb_union(self[i], self[i], scratch[0], precision)
    }

    /// The vector of the exact rationals `values`.
    convenience init(_ values: [Rational], precision: Int) {
        self.init(count: values.count)
        for (i, q) in values.enumerated() { set(i, to: q, precision: precision) }
    }

    /// The enclosure held in entry i, with exact rational endpoints.
    func enclosure(_ i: Int, digits: Int = 17) -> Enclosure {
        Enclosure(ball: self[i], digits: digits)
    }
}

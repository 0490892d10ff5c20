import Exact
import PropertyBased
import Testing

/// Arithmetic modulo the primes of ``Modular/primes``, checked against 128-bit integer arithmetic.
@Suite struct ModularTests {
    /// Deterministic Miller–Rabin for n < 3.3·10²⁴ with the first twelve prime bases.
    static func isPrime(_ n: UInt) -> Bool {
        if n < 2 { return false }
        let bases: [UInt] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        for b in bases where n % b == 0 { return n == b }
        var d = n - 1, s = 0
        while d % 2 == 0 { d /= 2; s += 1 }
        for a in bases {
            var x = Modular.power(a, d, n)
            if x == 1 || x == n - 1 { continue }
            var witness = true
            for _ in 1..<max(s, 1) {
                x = Modular.multiply(x, x, n)
                if x == n - 1 { witness = false; break }
            }
            if witness { return false }
        }
        return true
    }

    @Test func thePrimesArePrimeDistinctAndBelowTwoToThe62() {
        #expect(Set(Modular.primes).count == Modular.primes.count)
        for p in Modular.primes {
            #expect(p < 1 << 62)
            #expect(Self.isPrime(p), "\(p)")
        }
        #expect(Self.isPrime(1_000_000_007) && !Self.isPrime(1_000_000_007 * 3) && !Self.isPrime(561))
    }

    @Test func operationsAgreeWithWideIntegers() async {
        await propertyCheck(input: Gen<UInt64>.uint64(), Gen<UInt64>.uint64(), Gen<Int>.int(in: 0...5)) { x, y, k in
            let p = Modular.primes[k]
            let a = UInt(x) % p, b = UInt(y) % p
            let wide = UInt128(p)
            #expect(Modular.multiply(a, b, p) == UInt((UInt128(a) * UInt128(b)) % wide))
            #expect(Modular.add(a, b, p) == UInt((UInt128(a) + UInt128(b)) % wide))
            #expect(Modular.subtract(a, b, p) == UInt((UInt128(a) + wide - UInt128(b)) % wide))
        }
    }

    @Test func powersAndInverses() async {
        await propertyCheck(input: Gen<UInt64>.uint64(in: 1...UInt64.max), Gen<Int>.int(in: 0...5), Gen<UInt>.uint(in: 0...40)) { x, k, e in
            let p = Modular.primes[k]
            let a = UInt(x) % p == 0 ? 1 : UInt(x) % p
            var expected: UInt = 1
            for _ in 0..<e { expected = Modular.multiply(expected, a, p) }
            #expect(Modular.power(a, e, p) == expected)
            #expect(Modular.power(a, p - 1, p) == 1)  // Fermat's little theorem
            #expect(Modular.multiply(a, Modular.inverse(a, p), p) == 1)
        }
    }

    @Test func rationalResiduesAreARingHomomorphism() async {
        await propertyCheck(input: Gen.large, Gen.large, Gen<Int>.int(in: 0...5)) { x, y, k in
            let p = Modular.primes[k]
            guard let rx = x.residue(modulo: p), let ry = y.residue(modulo: p) else { return }
            #expect((x + y).residue(modulo: p) == Modular.add(rx, ry, p))
            #expect((x * y).residue(modulo: p) == Modular.multiply(rx, ry, p))
            #expect((-x).residue(modulo: p) == Modular.subtract(0, rx, p))
        }
    }

    @Test func residueOfAFractionIsNumeratorTimesInverseDenominator() {
        #expect(Rational(1, 2).residue(modulo: 7) == 4)
        #expect(Rational(-1, 3).residue(modulo: 7) == 2)  // −5 ≡ 2
        #expect(Rational(5, 14).residue(modulo: 7) == nil)
        #expect(Rational(14, 5).residue(modulo: 7) == 0)
    }
}

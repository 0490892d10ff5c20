import Exact
import Testing

@testable import LinearAlgebra

/// Dixon's lifting needs several p-adic steps when the null vectors have large entries: with
/// factors of 40-digit rationals the null vectors' numerators and denominators run to hundreds
/// of bits (many 31-bit digits). The lifted vectors must equal those of the native multi-prime
/// lifting exactly, the certificate must verify, and one changed digit must make it fail.
@Test func dixonLiftsNullVectorsWithLargeEntries() {
    var g = SplitMix(state: 29)
    let big = Rational(BigInteger.power(10, 40))
    for _ in 0..<6 {
        let m = g.int(6...14), n = g.int(5...12), k = g.int(1...(min(m, n) - 1))
        var u = randomMatrix(m, k, &g), v = randomMatrix(k, n, &g)
        for i in 0..<m { for j in 0..<k where g.int(0...1) == 0 { u[i, j] = u[i, j] * big + Rational(g.int(1...99)) } }
        for i in 0..<k { for j in 0..<n where g.int(0...1) == 0 { v[i, j] = v[i, j] / big + Rational(1, g.int(2...97)) } }
        let a = product(u, v)
        let flint = a.exactRank(backend: .flint), native = a.exactRank(backend: .native)
        #expect(flint.rank == k && native.rank == k)
        #expect(flint.certificate.nullVectors == native.certificate.nullVectors)
        #expect(flint.certificate.verify(against: a))
        #expect(flint.certificate.nullVectors.flatMap { $0 }.map(\.bitSize).max() ?? 0 > 100)

        let c = flint.certificate
        var vectors = c.nullVectors
        vectors[0][c.minorColumns[0]] += Rational(1, 1 << 40)
        let corrupted = RankCertificate(
            rows: c.rows, columns: c.columns, prime: c.prime, minorRows: c.minorRows, minorColumns: c.minorColumns,
            nullVectors: vectors)
        #expect(!corrupted.verify(against: a))
    }
}

/// A selection whose rank mod the first prime is too low (every selected entry a multiple of
/// that prime in one row) still certifies: the lifted vectors fail on a selected row, and the
/// next prime sees the full rank of the selection.
@Test func selectionUnluckyModTheFirstPrimeMovesToTheNextPrime() throws {
    let p = Rational(Int(PrimeField.primes[0]))
    let a = Matrix<Rational>(rowArrays: [[1, 0, 0], [0, p, 0], [1, p, 0], [2, 0, 0]])!
    let result = try #require(a.exactRank(selectedRows: [0, 1]))
    #expect(result.rank == 2 && result.certificate.prime != UInt64(PrimeField.primes[0]))
    #expect(result.certificate.verify(against: a))
    #expect(a.exactRank(selectedRows: [0, 3]) == nil)
}

/// Null vectors of very different sizes (a block with small entries beside a block of 40-digit
/// rationals): each vector leaves Dixon's lifting once proven and the others go on, so the
/// lifted basis must still equal the native multi-prime lifting's exactly, with sizes from a
/// few bits to over a hundred, and the certificate must verify.
@Test func dixonLiftsEachNullVectorUntilItIsProven() {
    var g = SplitMix(state: 31)
    let big = Rational(BigInteger.power(10, 40))
    for _ in 0..<4 {
        let k1 = g.int(2...4), n1 = k1 + g.int(1...3), k2 = g.int(2...4), n2 = k2 + g.int(1...3)
        let small = product(randomMatrix(k1 + 2, k1, &g), randomMatrix(k1, n1, &g))
        var u = randomMatrix(k2 + 2, k2, &g), v = randomMatrix(k2, n2, &g)
        for i in 0..<u.rows { for j in 0..<k2 { u[i, j] = u[i, j] * big + Rational(g.int(1...99)) } }
        for i in 0..<k2 { for j in 0..<n2 { v[i, j] = v[i, j] / big + Rational(1, g.int(2...97)) } }
        let large = product(u, v)
        // Block diagonal: the null space is the two blocks' null spaces side by side.
        var a = Matrix<Rational>(rows: small.rows + large.rows, columns: n1 + n2, repeating: .zero)
        for i in 0..<small.rows { for j in 0..<n1 { a[i, j] = small[i, j] } }
        for i in 0..<large.rows { for j in 0..<n2 { a[small.rows + i, n1 + j] = large[i, j] } }
        let (grown, verified) = a.exactRank(growingFrom: nil)
        let native = a.exactRank(backend: .native)
        #expect(grown.rank == k1 + k2 && native.rank == k1 + k2 && verified)
        #expect(grown.certificate.nullVectors == native.certificate.nullVectors)
        let sizes = grown.certificate.nullVectors.map { $0.map(\.bitSize).max() ?? 0 }
        #expect((sizes.min() ?? 0) < 64 && (sizes.max() ?? 0) > 100, "\(sizes)")
    }
}

import Exact
import PropertyBased
import Testing

@testable import LinearAlgebra

/// Constructed matrices are reproducible: they come from the shared seeded generator.
typealias SplitMix = SplitMix64

extension SplitMix64 {
    init(state: UInt64) { self.init(seed: state) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { nextInt(in: range) }
    /// A small rational a/b with |a| ≤ 9, 1 ≤ b ≤ 5.
    mutating func rational() -> Rational { Rational(int(-9...9), int(1...5)) }
}

func product(_ a: Matrix<Rational>, _ b: Matrix<Rational>) -> Matrix<Rational> {
    var out = Matrix<Rational>(rows: a.rows, columns: b.columns, repeating: .zero)
    for i in 0..<a.rows {
        for k in 0..<a.columns where !a[i, k].isZero {
            for j in 0..<b.columns { out[i, j] += a[i, k] * b[k, j] }
        }
    }
    return out
}

func randomMatrix(_ rows: Int, _ columns: Int, _ g: inout SplitMix) -> Matrix<Rational> {
    var m = Matrix<Rational>(rows: rows, columns: columns, repeating: .zero)
    for i in 0..<rows { for j in 0..<columns { m[i, j] = g.rational() } }
    return m
}

/// The exact rank is right when the matrix is a product U·V of a rows×k and a k×columns factor
/// with random rational entries: rank ≤ k by construction, and = min(k, rows, columns)
/// generically; the certificate both proves the computed rank and verifies independently.
@Test func lowRankProductsHaveTheirConstructedRank() async {
    await propertyCheck(input: Gen.int(in: 0...10_000)) { seed in
        var g = SplitMix(state: UInt64(seed))
        let m = g.int(1...12), n = g.int(1...12), k = g.int(0...min(m, n))
        let a = product(randomMatrix(m, k, &g), randomMatrix(k, n, &g))
        let result = a.exactRank()
        #expect(result.rank <= k)
        #expect(result.rank == result.certificate.rank)
        #expect(result.certificate.verify(against: a))
        #expect(result.certificate.nullVectors.count == n - result.rank)
        for v in result.certificate.nullVectors { #expect(times(a, v).allSatisfy { $0.isZero }) }
    }
}

/// U·V with U of full column rank k and V of full row rank k has rank exactly k; fixing
/// U = [I; *] and V = [I | *] makes both full rank by construction.
@Test func productsOfFullRankFactorsHaveRankExactlyK() {
    var g = SplitMix(state: 7)
    for _ in 0..<30 {
        let m = g.int(1...15), n = g.int(1...15), k = g.int(0...min(m, n))
        var u = randomMatrix(m, k, &g), v = randomMatrix(k, n, &g)
        for i in 0..<k {
            for j in 0..<k {
                u[i, j] = i == j ? .one : .zero
                v[i, j] = i == j ? .one : .zero
            }
        }
        let a = product(u, v)
        let result = a.exactRank()
        #expect(result.rank == k)
        #expect(result.certificate.verify(against: a))
    }
}

func times(_ a: Matrix<Rational>, _ v: [Rational]) -> [Rational] {
    (0..<a.rows).map { i in
        var s = Rational.zero
        for j in 0..<a.columns where !a[i, j].isZero && !v[j].isZero { s += a[i, j] * v[j] }
        return s
    }
}

@Test func tamperedCertificatesFailVerification() {
    var g = SplitMix(state: 11)
    let a = product(randomMatrix(9, 4, &g), randomMatrix(4, 7, &g))
    let good = a.exactRank().certificate
    #expect(good.rank == 4)
    #expect(good.verify(against: a))

    // A minor index replaced by a row outside the minor: that minor need not be nonsingular, so
    // make it certainly singular by pointing two entries at the same row.
    var rows = good.minorRows
    rows[1] = rows[0]
    let duplicateRow = RankCertificate(
        rows: 9, columns: 7, prime: good.prime, minorRows: rows, minorColumns: good.minorColumns, nullVectors: good.nullVectors)
    #expect(!duplicateRow.verify(against: a))

    // A minor column swapped for a free column: the unit pattern of the null vectors breaks.
    var columns = good.minorColumns
    columns[0] = good.freeColumns[0]
    let movedColumn = RankCertificate(
        rows: 9, columns: 7, prime: good.prime, minorRows: good.minorRows, minorColumns: columns, nullVectors: good.nullVectors)
    #expect(!movedColumn.verify(against: a))

    // A perturbed null vector.
    var vectors = good.nullVectors
    let c = good.minorColumns[0]
    vectors[0][c] += Rational(1, 1_000_003)
    let perturbed = RankCertificate(
        rows: 9, columns: 7, prime: good.prime, minorRows: good.minorRows, minorColumns: good.minorColumns, nullVectors: vectors)
    #expect(!perturbed.verify(against: a))

    // A composite "prime", a wrong shape, a dropped null vector.
    let composite = RankCertificate(
        rows: 9, columns: 7, prime: 1_000_000, minorRows: good.minorRows,
        minorColumns: good.minorColumns, nullVectors: good.nullVectors)
    #expect(!composite.verify(against: a))
    #expect(!good.verify(against: Matrix(rows: 9, columns: 8, repeating: Rational.zero)))
    let dropped = RankCertificate(
        rows: 9, columns: 7, prime: good.prime, minorRows: good.minorRows, minorColumns: good.minorColumns,
        nullVectors: Array(good.nullVectors.dropLast()))
    #expect(!dropped.verify(against: a))

    // Claiming a higher rank: a fifth row/column pair cannot give a nonsingular minor.
    let free = good.freeColumns[0]
    let extraRow = (0..<9).first { !good.minorRows.contains($0) } ?? 0
    let tooHigh = RankCertificate(
        rows: 9, columns: 7, prime: good.prime, minorRows: good.minorRows + [extraRow],
        minorColumns: good.minorColumns + [free], nullVectors: Array(good.nullVectors.dropFirst()))
    #expect(!tooHigh.verify(against: a))
}

@Test func edgeCases() {
    for (m, n) in [(0, 0), (0, 3), (3, 0)] {
        let a = Matrix<Rational>(rows: m, columns: n, repeating: .zero)
        let result = a.exactRank()
        #expect(result.rank == 0)
        #expect(result.certificate.nullVectors.count == n)
        #expect(result.certificate.verify(against: a))
    }
    let zero = Matrix<Rational>(rows: 4, columns: 5, repeating: .zero)
    #expect(zero.exactRank().rank == 0)
    #expect(zero.nullSpace().count == 5)
    #expect(zero.exactRank().certificate.verify(against: zero))

    let one = Matrix<Rational>(rows: 1, columns: 1, repeating: Rational(-3, 7))
    #expect(one.exactRank().rank == 1)
    #expect(one.nullSpace().isEmpty)
    let oneZero = Matrix<Rational>(rows: 1, columns: 1, repeating: .zero)
    #expect(oneZero.exactRank().rank == 0)
    #expect(oneZero.nullSpace() == [[.one]])

    var g = SplitMix(state: 3)
    let wide = randomMatrix(3, 20, &g), tall = randomMatrix(20, 3, &g)
    #expect(wide.exactRank().rank == 3)
    #expect(wide.nullSpace().count == 17)
    #expect(wide.exactRank().certificate.verify(against: wide))
    #expect(tall.exactRank().rank == 3)
    #expect(tall.exactRank().certificate.verify(against: tall))
}

/// Entries that are multiples of the first primes the algorithm tries: the matrix vanishes mod
/// those primes, so the first eliminations see rank 0 and the answer must still come out right
/// (next prime, or the fallback over ℚ).
@Test func unluckyPrimesAreDetected() {
    let p = PrimeField.primes
    let big = BigInteger(Int(p[0])) * BigInteger(Int(p[1])) * BigInteger(Int(p[2])) * BigInteger(Int(p[3]))
    let s = Rational(big)
    let a = Matrix(rowArrays: [[s, 2 * s, .zero], [.zero, s, s], [s, 3 * s, s]])!
    let result = a.exactRank()
    #expect(result.rank == 2)
    #expect(result.certificate.verify(against: a))
    #expect(result.certificate.prime != UInt64(p[0]))

    // A matrix whose rank drops mod the first prime only.
    let q = Rational(Int(p[0]))
    let b = Matrix(rowArrays: [[1, 0], [0, q]])!
    let r = b.exactRank()
    #expect(r.rank == 2)
    #expect(r.certificate.verify(against: b))
}

/// Exact and numeric rank agree on well-conditioned integer matrices: products of ±1/0 factors
/// of known inner dimension, whose nonzero singular values are far from 0.
@Test func exactRankAgreesWithSingularValues() throws {
    var g = SplitMix(state: 5)
    for _ in 0..<20 {
        let m = g.int(2...14), n = g.int(2...14), k = g.int(1...min(m, n))
        var u = Matrix<Rational>(rows: m, columns: k, repeating: .zero)
        var v = Matrix<Rational>(rows: k, columns: n, repeating: .zero)
        for i in 0..<m { for j in 0..<k { u[i, j] = Rational(g.int(-2...2)) } }
        for i in 0..<k { for j in 0..<n { v[i, j] = Rational(g.int(-2...2)) } }
        let a = product(u, v)
        let exact = a.exactRank().rank
        let sigma = try a.map(\.doubleValue).singularValues()
        let tolerance = Double(max(m, n)) * (sigma.first ?? 0) * 1e-12
        let numeric = sigma.filter { $0 > tolerance }.count
        #expect(exact == numeric)
    }
}

@Test func nullVectorsOfAKnownMatrix() {
    // Columns 0, 1 independent; column 2 = column 0 + 2·column 1; column 3 = −column 1 / 2.
    let a = Matrix<Rational>(rowArrays: [
        [1, 0, 1, 0],
        [0, 1, 2, Rational(-1, 2)],
        [1, 1, 3, Rational(-1, 2)],
    ])!
    let result = a.exactRank()
    #expect(result.rank == 2)
    #expect(result.certificate.minorColumns.sorted() == [0, 1])
    #expect(a.nullSpace() == [[-1, -2, 1, 0], [0, Rational(1, 2), 0, 1]])
}

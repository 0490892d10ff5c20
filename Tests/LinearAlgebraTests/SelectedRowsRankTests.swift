import Exact
import Testing

@testable import LinearAlgebra

/// The exact rank certified from the rows a numeric streaming pass selected equals the exact
/// rank of the whole matrix and its certificate verifies against the whole matrix; a corrupted
/// certificate (one null-vector entry changed) fails, the certificate fails against the matrix
/// with one more independent row, and a selection missing a direction yields no certificate.
@Test func selectedRowsCertifyTheRankOfTheWholeMatrix() throws {
    var g = SplitMix(state: 17)
    for _ in 0..<12 {
        let m = g.int(8...30), n = g.int(4...16), k = g.int(1...(min(m, n) - 1))
        let a = product(randomMatrix(m, k, &g), randomMatrix(k, n, &g))
        var engine = try StreamingRank(columns: n)
        _ = try engine.absorb(a.map(\.doubleValue))
        let result = try #require(a.exactRank(selectedRows: engine.selectedRows))
        #expect(result.rank == k && result.rank == a.exactRank().rank)
        #expect(result.certificate.verify(against: a))
        #expect(Set(result.certificate.minorRows).isSubset(of: Set(engine.selectedRows)))

        let c = result.certificate
        var vectors = c.nullVectors
        vectors[0][c.minorColumns[0]] += 1
        let corrupted = RankCertificate(
            rows: c.rows, columns: c.columns, prime: c.prime, minorRows: c.minorRows, minorColumns: c.minorColumns,
            nullVectors: vectors)
        #expect(!corrupted.verify(against: a))

        // One more row, off the row space (a unit vector on a free column, where every null
        // vector has entry 1 or 0 in the unit pattern): the old certificate no longer holds.
        var grown = a.rowArrays
        grown.append((0..<n).map { $0 == c.freeColumns[0] ? Rational.one : .zero })
        let b = Matrix(rowArrays: grown)!
        let widened = RankCertificate(
            rows: b.rows, columns: n, prime: c.prime, minorRows: c.minorRows, minorColumns: c.minorColumns, nullVectors: c.nullVectors)
        #expect(!widened.verify(against: b))

        // A selection without one of the selected rows has rank k − 1: its null vectors miss a
        // direction the other rows carry, so it certifies nothing.
        #expect(a.exactRank(selectedRows: Array(engine.selectedRows.dropLast())) == nil)
    }
}

/// A selection that misses directions grows by the rows the exact check finds independent,
/// and ends with the rank of the whole matrix, a certificate that verifies, and null vectors
/// whose span decides null-space membership exactly (a null vector plus a unit vector on a
/// free column is not in it).
@Test func aGrowingSelectionCertifiesTheWholeMatrix() {
    var g = SplitMix(state: 23)
    for _ in 0..<10 {
        let m = g.int(10...30), n = g.int(4...14), k = g.int(1...(min(m, n) - 1))
        let a = product(randomMatrix(m, k, &g), randomMatrix(k, n, &g))
        let start = [g.int(0...(m - 1))]
        let (result, verified) = a.exactRank(growingFrom: start)
        #expect(result.rank == k && verified)
        #expect(result.certificate.verify(against: a))
        let (fromNothing, alsoVerified) = a.exactRank(growingFrom: nil)
        #expect(fromNothing.rank == k && alsoVerified)

        let c = result.certificate
        var v = c.nullVectors.indices.reduce(into: [Rational](repeating: .zero, count: n)) { sum, t in
            for j in 0..<n { sum[j] += Rational(t + 1) * c.nullVectors[t][j] }
        }
        #expect(c.nullSpaceContains(v))
        v[c.freeColumns[0]] += 1
        #expect(!c.nullSpaceContains(v))
    }
}

/// A row outside the selection whose products with the null vectors are nonzero multiples of
/// the prime: the mod-p screen sees nothing, the certificate's verification (the one exact
/// check of every row) fails, and the exact products name the row, which joins the selection.
/// The answer is the rank of the whole matrix with a certificate that verifies.
@Test func aRowTheScreenCannotSeeStillJoinsTheSelection() throws {
    let p = Rational(Int(PrimeField.primes[0]))
    let a = Matrix<Rational>(rowArrays: [[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, p]])!
    #expect(a.exactRank(selectedRows: [0, 1]) == nil)
    let (result, verified) = a.exactRank(growingFrom: [0, 1])
    #expect(result.rank == 3 && verified)
    #expect(result.certificate.verify(against: a))
    #expect(result.certificate.minorRows.contains(3))
}

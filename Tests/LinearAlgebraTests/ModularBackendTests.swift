import Exact
import PropertyBased
import Testing

@testable import LinearAlgebra

/// The certificate's normal form (pivot columns of the first prime's echelon form, null vectors
/// with the unit pattern on the free columns) does not depend on how 𝔽_p is eliminated: FLINT's
/// LU and the native elimination give the same rank, pivot columns and null vectors, and both
/// certificates verify. Pivot *rows* may differ (any nonsingular minor proves the rank).
@Test func flintAndNativeEliminationCertifyTheSameRank() async {
    await propertyCheck(input: Gen.int(in: 0...10_000)) { seed in
        var g = SplitMix(state: UInt64(seed))
        let m = g.int(1...14), n = g.int(1...14), k = g.int(0...min(m, n))
        let a = product(randomMatrix(m, k, &g), randomMatrix(k, n, &g))
        let flint = a.exactRank(backend: .flint), native = a.exactRank(backend: .native)
        #expect(flint.rank == native.rank && flint.rank <= k)
        #expect(flint.certificate.minorColumns.sorted() == native.certificate.minorColumns.sorted())
        #expect(flint.certificate.nullVectors == native.certificate.nullVectors)
        #expect(flint.certificate.verify(against: a))
        #expect(native.certificate.verify(against: a))
    }
}

/// FLINT's LU echelon form meets ``ModularEchelon``'s contract: basis row k has 1 at its pivot
/// column and 0 before it, and the minor on the pivot rows and columns is nonsingular mod p.
@Test func flintEchelonMeetsTheEchelonContract() {
    var g = SplitMix(state: 5)
    let p = PrimeField.primes[0]
    for _ in 0..<40 {
        let m = g.int(1...20), n = g.int(1...20)
        // Random residues with repeated rows and zero columns, so that the rank drops.
        var entries = (0..<(m * n)).map { _ in UInt32(g.next() % UInt64(p)) }
        for i in 0..<m where g.int(0...2) == 0 {
            let src = g.int(0...(m - 1))
            for j in 0..<n { entries[i * n + j] = entries[src * n + j] }
        }
        for j in 0..<n where g.int(0...3) == 0 { for i in 0..<m { entries[i * n + j] = 0 } }
        let modular = ModularMatrix(rows: m, columns: n, entries: entries, field: PrimeField(p))
        let e = FLINTModularMatrix(modular).echelon()
        #expect(e.rank == modular.echelon()?.rank)
        #expect(e.rank == FLINTModularMatrix(modular).rank())
        for (k, c) in e.pivotColumns.enumerated() {
            #expect(e.basis[k * n + c] == 1)
            #expect((0..<c).allSatisfy { e.basis[k * n + $0] == 0 })
        }
        let minor = FLINTModularMatrix(modular.selecting(rows: e.pivotRows, columns: e.pivotColumns))
        #expect(minor.rank() == e.rank)
    }
}

extension ModularMatrix {
    func selecting(rows chosenRows: [Int], columns chosenColumns: [Int]) -> ModularMatrix {
        var out: [UInt32] = []
        for i in chosenRows { for j in chosenColumns { out.append(entries[i * columns + j]) } }
        return ModularMatrix(rows: chosenRows.count, columns: chosenColumns.count, entries: out, field: field)
    }
}

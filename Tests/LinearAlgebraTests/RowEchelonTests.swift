import Exact
import LinearAlgebra
import Testing

@Suite struct RowEchelonTests {
    func matrix(_ rows: [[Int]]) -> Matrix<Rational> { Matrix(rowArrays: rows.map { $0.map { Rational($0) } })! }

    @Test("the RREF of a known matrix, its pivots and rank")
    func known() {
        let a = matrix([[1, 2, 3], [2, 4, 6], [1, 0, 1]])
        let r = a.reducedRowEchelonForm()
        #expect(r.rank == 2)
        #expect(r.pivotColumns == [0, 1])
        #expect(r.matrix == matrix([[1, 0, 1], [0, 1, 1], [0, 0, 0]]))
    }

    @Test("A = A[:, pivots] · R exactly, and G·A has the same RREF for invertible G")
    func factorisationAndInvariance() {
        let a = matrix([[2, -1, 0, 4], [1, 1, 3, -2], [3, 0, 3, 2]])
        let r = a.reducedRowEchelonForm()
        let nonzero = r.nonzeroRows
        for i in 0..<a.rows {
            for j in 0..<a.columns {
                var s = Rational.zero
                for t in 0..<r.rank { s.addProduct(a[i, r.pivotColumns[t]], nonzero[t, j]) }
                #expect(s == a[i, j])
            }
        }
        let g = matrix([[1, 2, 0], [0, 1, 0], [3, 0, 1]])
        var ga = Matrix(rows: 3, columns: 4, repeating: Rational.zero)
        for i in 0..<3 { for j in 0..<4 { for k in 0..<3 { ga[i, j].addProduct(g[i, k], a[k, j]) } } }
        #expect(ga.reducedRowEchelonForm() == r)
    }

    @Test("zero and empty matrices have rank 0")
    func degenerate() {
        #expect(Matrix(rows: 2, columns: 3, repeating: Rational.zero).reducedRowEchelonForm().rank == 0)
        #expect(Matrix(rows: 0, columns: 3, repeating: Rational.zero).reducedRowEchelonForm().rank == 0)
    }
}

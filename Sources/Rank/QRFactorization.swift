import LinearAlgebra

/// J folded into the triangular factor R of J = Q·R, block by block (``TriangularFactor``).
struct QRFactorization: Factorization {
    let columns: Int
    /// `nil` when P = 0 (nothing to factor).
    private var factor: TriangularFactor?

    init(columns: Int) throws(RankError) {
        self.columns = columns
        guard columns > 0 else { return }
        do { factor = try TriangularFactor(columns: columns) } catch { throw .linearAlgebra(error.description) }
    }

    mutating func append(rows block: consuming Matrix<Double>) throws(RankError) {
        do { try factor?.append(rows: block) } catch { throw .linearAlgebra(error.description) }
    }

    func singularValues() throws(RankError) -> [Double] {
        do { return try factor?.singularValues() ?? [] } catch { throw .linearAlgebra(error.description) }
    }

    var gramFactor: Matrix<Double> { factor?.r ?? Matrix(rows: 0, columns: columns, repeating: 0) }
}

/// Rows R split into their coordinate rows — one nonzero entry, a multiple of some e_j (a dead
/// unit's parameters, for instance) — and the rest with the coordinate columns set to 0.
/// Subtracting multiples of the e_j changes no span and leaves the two parts on disjoint
/// columns, so span(R) = span(e_j : j ∈ C) ⊕ span(R′), the two orthogonal: a span's dimension,
/// or an orthonormal basis of it, is read from the e_j exactly and from R′ alone numerically —
/// R′ on the columns it touches, usually far fewer rows and columns than R.
///
/// The rows come sparse (``SparseRow``: the symmetry tangents touch a unit's few parameters), so
/// that P-long rows are never formed for them: at ACAS size 5,549 tangents would be 0.59 GB dense.
struct CoordinateRowSplit {
    /// A row's nonzero entries (column, value), each column at most once.
    typealias SparseRow = [(index: Int, value: Double)]

    /// Per column: whether it is one of C, the columns of the coordinate rows.
    let coordinate: [Bool]
    /// The columns R′ touches (none of C), increasing.
    let kept: [Int]
    /// R′ on `kept`, rows that became 0 dropped.
    let reduced: [[Double]]

    init(sparse rows: [SparseRow], columns P: Int) {
        var coordinate = [Bool](repeating: false, count: P), others: [SparseRow] = []
        for row in rows {
            let nonzero = row.filter { $0.value != 0 }
            if nonzero.count == 1 { coordinate[nonzero[0].index] = true } else if nonzero.count > 1 { others.append(nonzero) }
        }
        var touched = [Bool](repeating: false, count: P)
        for row in others { for e in row where !coordinate[e.index] { touched[e.index] = true } }
        let kept = (0..<P).filter { touched[$0] }
        var position = [Int](repeating: -1, count: P)
        for (i, c) in kept.enumerated() { position[c] = i }
        self.coordinate = coordinate
        self.kept = kept
        reduced = others.compactMap { row in
            var r = [Double](repeating: 0, count: kept.count)
            for e in row where !coordinate[e.index] { r[position[e.index]] = e.value }
            return r.contains { $0 != 0 } ? r : nil
        }
    }

    /// The split of dense rows (P entries each).
    init(_ rows: [[Double]], columns P: Int) {
        self.init(sparse: rows.map { row in row.indices.compactMap { row[$0] != 0 ? ($0, row[$0]) : nil } }, columns: P)
    }

    /// |C|, the dimension of the coordinate part.
    var coordinateCount: Int { coordinate.filter { $0 }.count }
}

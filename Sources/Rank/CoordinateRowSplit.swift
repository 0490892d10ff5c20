/// Rows R split into their coordinate rows — one nonzero entry, a multiple of some e_j (a dead
/// unit's parameters, for instance) — and the rest with the coordinate columns set to 0.
/// Subtracting multiples of the e_j changes no span and leaves the two parts on disjoint
/// columns, so span(R) = span(e_j : j ∈ C) ⊕ span(R′), the two orthogonal: a span's dimension,
/// or an orthonormal basis of it, is read from the e_j exactly and from R′ alone numerically —
/// R′ on the columns it touches, usually far fewer rows and columns than R.
struct CoordinateRowSplit {
    /// Per column: whether it is one of C, the columns of the coordinate rows.
    let coordinate: [Bool]
    /// The columns R′ touches (none of C), increasing.
    let kept: [Int]
    /// R′ on `kept`, rows that became 0 dropped.
    let reduced: [[Double]]

    init(_ rows: [[Double]], columns P: Int) {
        var coordinate = [Bool](repeating: false, count: P), others: [[Double]] = []
        for row in rows {
            var first = -1, count = 0
            for (j, v) in row.enumerated() where v != 0 {
                if count == 0 { first = j }
                count += 1
                if count > 1 { break }
            }
            if count == 1 { coordinate[first] = true } else if count > 1 { others.append(row) }
        }
        var touched = [Bool](repeating: false, count: P)
        for row in others { for (j, v) in row.enumerated() where v != 0 && !coordinate[j] { touched[j] = true } }
        let kept = (0..<P).filter { touched[$0] }
        self.coordinate = coordinate
        self.kept = kept
        reduced = others.map { row in kept.map { row[$0] } }.filter { $0.contains { $0 != 0 } }
    }

    /// |C|, the dimension of the coordinate part.
    var coordinateCount: Int { coordinate.filter { $0 }.count }
}

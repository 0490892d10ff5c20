/// A dense matrix stored row-major: entry (i, j) is `elements[i * columns + j]`.
///
/// The same type carries `Double` matrices (numeric work through LAPACKE) and `Rational`
/// matrices (exact work); each kind's algorithms live in their own extension files.
public struct Matrix<Scalar> {
    public let rows: Int
    public let columns: Int
    public var elements: [Scalar]

    /// A `rows × columns` matrix with every entry `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar) {
        precondition(rows >= 0 && columns >= 0, "negative matrix dimension")
        self.rows = rows
        self.columns = columns
        elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from its row-major entries; `nil` when the count is not `rows × columns`.
    public init?(rows: Int, columns: Int, elements: [Scalar]) {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else { return nil }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from equal-length rows; `nil` when they are ragged.
    public init?(rowArrays: [[Scalar]], columns: Int? = nil) {
        let c = columns ?? rowArrays.first?.count ?? 0
        guard c >= 0, rowArrays.allSatisfy({ $0.count == c }) else { return nil }
        self.rows = rowArrays.count
        self.columns = c
        elements = rowArrays.flatMap { $0 }
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> ArraySlice<Scalar> { elements[(i * columns)..<((i + 1) * columns)] }

    /// The rows as arrays.
    public var rowArrays: [[Scalar]] { (0..<rows).map { Array(row($0)) } }

    /// The transpose.
    public var transposed: Matrix<Scalar> {
        var out = [Scalar]()
        out.reserveCapacity(elements.count)
        for j in 0..<columns { for i in 0..<rows { out.append(self[i, j]) } }
        return Matrix(rows: columns, columns: rows, uncheckedElements: out)
    }

    /// The matrix with each entry mapped by `transform`.
    public func map<T>(_ transform: (Scalar) throws -> T) rethrows -> Matrix<T> {
        Matrix<T>(rows: rows, columns: columns, uncheckedElements: try elements.map(transform))
    }

    init(rows: Int, columns: Int, uncheckedElements: [Scalar]) {
        self.rows = rows
        self.columns = columns
        elements = uncheckedElements
    }
}

extension Matrix: Equatable where Scalar: Equatable {}
extension Matrix: Hashable where Scalar: Hashable {}
extension Matrix: Sendable where Scalar: Sendable {}

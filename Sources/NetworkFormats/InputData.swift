import Exact

/// A finite set of network inputs read from a data file: one row per input, every value exactly
/// as stored (a float is the dyadic rational it encodes; a CSV field is the decimal it writes).
public struct InputData: Sendable, Equatable {
    /// The inputs, each of ``columns`` exact values.
    public var rows: [[Rational]]
    /// The number of values in every row.
    public var columns: Int
    /// The tensor or npz entry the rows came from (`nil` for CSV and single `.npy` files).
    public var tensor: String?

    public init(rows: [[Rational]], columns: Int, tensor: String? = nil) {
        self.rows = rows
        self.columns = columns
        self.tensor = tensor
    }
}

import Exact

extension InputData {
    /// The inputs as a float64 `.npy` array (``rows``.count × ``columns``, row-major), each value
    /// the nearest `Double`: what numpy's `np.load` reads, and what `--data` reads back (exactly
    /// the same inputs when every value is a dyadic rational that fits a `Double`).
    public var npyFloat64: [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(8 * rows.count * columns)
        for row in rows {
            for value in row { withUnsafeBytes(of: value.doubleValue.bitPattern.littleEndian) { data += $0 } }
        }
        return Npy.encode(shape: [rows.count, columns], type: .float64, data: data)
    }
}

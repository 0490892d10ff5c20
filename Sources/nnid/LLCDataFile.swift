import ArgumentParser
import Identifiability
import LearningCoefficient

/// Inputs or targets for `nnid llc`: a matrix read by `InputDataReader` (npy, npz, safetensors or
/// CSV; rows are samples), checked against the width the network needs and rounded to `Double`.
enum LLCDataFile {
    static func read(_ path: String, width: Int, option: String) throws -> [Double] {
        let data: InputData
        do { data = try InputDataReader.read(path: path) } catch { throw CommandFailure.input("--\(option) \(described(error))") }
        guard data.columns == width else {
            throw CommandFailure.input("--\(option) \(path): rows have \(data.columns) columns; the network needs \(width)")
        }
        var values: [Double] = []
        values.reserveCapacity(data.rows.count * width)
        for (i, row) in data.rows.enumerated() {
            for (j, x) in row.enumerated() {
                let v = x.doubleValue
                guard v.isFinite else { throw CommandFailure.input("--\(option) \(path): row \(i), column \(j) is too large for a Double") }
                values.append(v)
            }
        }
        return values
    }
}

import Exact
import Foundation
@testable import NetworkFormats

/// Fixture files written by `Fixtures/make_fixtures.py` with the real writers.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// `expected.json`: file → tensor → (shape, exact values as fraction strings).
    static let expected: [String: [String: (shape: [Int], values: [Rational])]] = {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("expected.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: [String: [String: Any]]]
        else { return [:] }
        return json.mapValues { tensors in
            tensors.mapValues { entry in
                let shape = (entry["shape"] as? [Int]) ?? []
                let values = ((entry["values"] as? [String]) ?? []).compactMap { Rational($0) }
                return (shape, values)
            }
        }
    }()
}

import Exact
import LinearAlgebra

/// A unit of a network: layer number ℓ (0 is the input layer) and index within the layer.
public struct UnitID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var layer: Int
    public var unit: Int
    public init(layer: Int, unit: Int) {
        self.layer = layer
        self.unit = unit
    }
    /// `layer2.unit3`.
    public var description: String { "layer\(layer).unit\(unit)" }
    /// The unit named `text` in the form of ``description`` (`layer2.unit3`), or `nil`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix("layer"), parts[1].hasPrefix("unit"),
              let layer = Int(parts[0].dropFirst(5)), let unit = Int(parts[1].dropFirst(4)), layer >= 0, unit >= 0
        else { return nil }
        self.init(layer: layer, unit: unit)
    }
    public static func < (a: UnitID, b: UnitID) -> Bool { (a.layer, a.unit) < (b.layer, b.unit) }
}

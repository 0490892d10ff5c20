import Exact
import Networks

/// The known symmetry group of a network architecture: for each hidden layer, the transformations
/// of its parameters that leave the function unchanged, read from the activation's properties.
///
/// A hidden layer of n units with activation act carries
/// - the permutations S_n (always),
/// - sign flips (Z/2)^n if act is odd, even, or odd up to a constant k with biases downstream,
/// - positive scalings (ℝ>0)^n if act is positively homogeneous (and not linear),
/// - GL(n, ℝ) if act is linear (this contains the permutations and scalings).
/// The group of the network is the direct product over hidden layers.
public struct SymmetryGroupSummary: Sendable, Equatable, CustomStringConvertible {
    public struct LayerSymmetry: Sendable, Equatable {
        public let layer: Int
        public let units: Int
        /// The flip this layer admits (`nil`: none).
        public let flip: FlipKind?
        public let scalings: Bool
        public let generalLinear: Bool
    }
    public let layers: [LayerSymmetry]

    public init(of network: Network) {
        layers = (1..<max(1, network.layers.count)).map { l in
            let act = network.layers[l - 1].activation
            return LayerSymmetry(
                layer: l, units: network.layers[l - 1].units, flip: network.flipKind(ofLayer: l),
                scalings: act.admitsScaling, generalLinear: act.isLinear)
        }
    }

    /// The number of continuous dimensions: one per rescalable unit plus n² per linear layer.
    public var dimension: Int {
        layers.reduce(0) { $0 + ($1.generalLinear ? $1.units * $1.units : ($1.scalings ? $1.units : 0)) }
    }

    /// The order of the finite part (permutations × flips), when it fits an Int.
    public var finiteOrder: Int? {
        var order = 1
        for l in layers where !l.generalLinear {
            for k in stride(from: l.units, to: 1, by: -1) {
                let (product, overflow) = order.multipliedReportingOverflow(by: k)
                if overflow { return nil }
                order = product
            }
            if l.flip != nil {
                for _ in 0..<l.units {
                    let (product, overflow) = order.multipliedReportingOverflow(by: 2)
                    if overflow { return nil }
                    order = product
                }
            }
        }
        return order
    }

    /// E.g. `3!·2! permutations × 2⁵ flips × (ℝ>0)^5 scalings × GL(2,ℝ)`; `trivial` when
    /// there is nothing to strip.
    public var description: String {
        let plain = layers.filter { !$0.generalLinear }
        let factorials = plain.filter { $0.units > 1 }.map { "\($0.units)!" }
        let flips = plain.filter { $0.flip != nil }.reduce(0) { $0 + $1.units }
        let scalings = plain.filter(\.scalings).reduce(0) { $0 + $1.units }
        var parts: [String] = []
        if !factorials.isEmpty { parts.append(factorials.joined(separator: "·") + " permutations") }
        if flips > 0 { parts.append("2\(superscript(flips)) flips") }
        if scalings > 0 { parts.append("(ℝ>0)\(superscript(scalings)) scalings") }
        for l in layers where l.generalLinear { parts.append("GL(\(l.units),ℝ)") }
        return parts.isEmpty ? "trivial" : parts.joined(separator: " × ")
    }
}

private func superscript(_ n: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
}

/// Rounding a network's symbolic biases (`Layer.symbolicBias`) to a tensor element type, on
/// request only (`nnid convert --lossy`): tensor writers refuse an irrational bias otherwise.
public enum SymbolicBiasRounding {
    /// One bias replaced by the representable number nearest to it.
    public struct RoundedBias: Sendable, Equatable {
        public let unit: UnitID
        public let exact: SymbolicConstant
        public let rounded: Rational
        /// A rational upper bound on |rounded − exact|, from the certified enclosure.
        public let errorBound: Rational
    }

    /// Why a bias could not be rounded.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// No enclosure within the precision budget decided the nearest value (the constant
        /// lies within about 2⁻⁴⁰⁰⁰ of a rounding boundary), or it is beyond the type's range.
        case undecided(unit: UnitID, value: SymbolicConstant, type: String)
        case network(NetworkError)

        public var description: String {
            switch self {
            case .undecided(let unit, let value, let type):
                return "\(unit).bias = \(value): its nearest \(type) value is out of range or not decided by certified enclosures up to \(SymbolicConstant.certifiedPrecisions.last ?? 0) bits"
            case .network(let error): return "\(error)"
            }
        }
    }

    /// `network` with every symbolic bias replaced by the value of `type` nearest to it —
    /// correctly rounded: every point of a certified enclosure of the constant rounds to it —
    /// and the list of replacements.
    public static func rounded(_ network: Network, to type: TensorElementType) throws(Failure) -> (network: Network, rounded: [RoundedBias]) {
        guard let format = type.floatFormat else { return (network, []) }
        let infinity = ((UInt64(1) << UInt64(format.exponentBits)) - 1) << UInt64(format.significandBits)
        func nearest(_ q: Rational) -> Rational? {
            let (bits, _) = q.rounded(to: format)
            guard bits & infinity != infinity else { return nil }
            return try? Rational(bits: bits, format: format)
        }
        var layers = network.layers
        var out: [RoundedBias] = []
        for (unit, value) in network.symbolicBiases {
            guard let (q, bound) = value.nearest(rounding: nearest) else {
                throw .undecided(unit: unit, value: value, type: type.safetensorsName)
            }
            layers[unit.layer - 1].symbolicBias[unit.unit] = nil
            layers[unit.layer - 1].bias![unit.unit] = q
            out.append(RoundedBias(unit: unit, exact: value, rounded: q, errorBound: bound))
        }
        do {
            return (try network.withLayers(layers), out)
        } catch {
            throw .network(error)
        }
    }
}

import Exact
import Networks

extension Network {
    /// The sign flip hidden layer ℓ admits: its activation's, provided an offset flip has biases
    /// in every layer that reads ℓ (the same rule as the canonicaliser's).
    public func flipKind(ofLayer l: Int) -> FlipKind? {
        guard let kind = layers[l - 1].activation.flipKind else { return nil }
        if case .oddWithOffset = kind {
            let readersHaveBiases = layers.allSatisfy { layer in
                layer.bias != nil || !layer.connections.contains { $0.source == l }
            }
            if !readersHaveBiases { return nil }
        }
        return kind
    }
}

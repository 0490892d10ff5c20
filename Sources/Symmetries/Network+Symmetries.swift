import Exact
import Networks

extension Network {
    /// The sign flip hidden layer ℓ admits: its activation's, provided an offset flip has biases
    /// in every layer that reads ℓ (``Activation/flipKind(readersHaveBiases:)``).
    public func flipKind(ofLayer l: Int) -> FlipKind? {
        layers[l - 1].activation.flipKind(
            readersHaveBiases: layers.allSatisfy { layer in layer.bias != nil || !layer.connections.contains { $0.source == l } })
    }
}

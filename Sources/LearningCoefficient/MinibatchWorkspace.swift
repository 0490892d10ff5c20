import CLAPACKE
import Networks

/// Reusable buffers for one minibatch size: pre-activations, activations and back-propagated
/// sensitivities of every layer.
public struct MinibatchWorkspace: Sendable {
    public let rows: Int
    /// post[0] holds the inputs; post[ℓ] = A_ℓ.
    var post: [[Double]]
    var pre: [[Double]]
    var sensitivity: [[Double]]
    var ones: [Double]

    public init(model: MinibatchModel, rows: Int) {
        self.rows = rows
        let widths = model.widths
        post = widths.map { [Double](repeating: 0, count: rows * $0) }
        pre = widths.map { [Double](repeating: 0, count: rows * $0) }
        sensitivity = widths.map { [Double](repeating: 0, count: rows * $0) }
        ones = [Double](repeating: 1, count: rows)
    }

    /// The inputs buffer (rows × inputs, row-major), to be filled before ``MinibatchModel/forward(_:_:)``.
    public var inputs: [Double] {
        get { post[0] }
        set { post[0] = newValue }
    }

    /// The outputs A_L after a forward pass (rows × outputs, row-major).
    public var outputs: [Double] { post[post.count - 1] }
}

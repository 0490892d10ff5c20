import Exact
import Networks

/// The rectangle [x0, x1] × [y0, y1] with exact bounds, x0 < x1 and y0 < y1.
public struct PlaneBox: Hashable, Sendable, CustomStringConvertible {
    public let x0: Rational, x1: Rational, y0: Rational, y1: Rational

    /// - Throws: ``PictureError/invalidBox(_:)`` unless x0 < x1 and y0 < y1.
    public init(x0: Rational, x1: Rational, y0: Rational, y1: Rational) throws(PictureError) {
        guard x0 < x1, y0 < y1 else {
            throw .invalidBox("[\(x0), \(x1)] × [\(y0), \(y1)] is empty: each lower bound must be below its upper bound")
        }
        self.x0 = x0
        self.x1 = x1
        self.y0 = y0
        self.y1 = y1
    }

    /// The box of a network's input domain: its typical box (``InputDomain/typicalBox(inputCount:)``:
    /// the box itself, mean ± 3·sd for a Gaussian — the window the rank analysis's searches
    /// take their scale from), and [−1, 1]² when the network gives none (the default every
    /// analysis uses).
    /// - Throws: ``PictureError/invalidBox(_:)`` when the domain is not two-dimensional or empty.
    public init(domain: InputDomain?) throws(PictureError) {
        guard let domain else {
            try self.init(x0: -1, x1: 1, y0: -1, y1: 1)
            return
        }
        let (lower, upper) = domain.typicalBox(inputCount: 2)
        guard lower.count == 2, upper.count == 2 else {
            throw .invalidBox("the input domain has \(lower.count) coordinates; a picture of regions needs 2")
        }
        try self.init(x0: lower[0], x1: upper[0], y0: lower[1], y1: upper[1])
    }

    public var area: Rational { (x1 - x0) * (y1 - y0) }

    /// `[x0, x1] × [y0, y1]`.
    public var description: String { "[\(x0), \(x1)] × [\(y0), \(y1)]" }
}

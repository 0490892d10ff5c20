import Exact
import Networks

/// What writing a network to a float dtype did to its parameters.
public struct RoundingReport: Sendable, Equatable {
    /// How many parameters were not exactly representable and were rounded (0 unless `lossy`).
    public var roundedCount: Int = 0
    /// max |θ − round(θ)| over all parameters, exactly.
    public var maximumError: Rational = .zero
    /// The parameter where the maximum is attained (when something was rounded).
    public var worstParameter: String?

    public init() {}
}

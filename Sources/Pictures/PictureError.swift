/// Why a picture cannot be made; each case says what and where.
public enum PictureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The box is empty or not two-dimensional.
    case invalidBox(String)
    /// The network is not one whose linear regions can be drawn (not two inputs, or an
    /// activation that is not piecewise linear).
    case unsupportedNetwork(String)
    /// The partition has more regions than the caller allowed.
    case tooManyRegions(limit: Int)
    /// Spectrum input that is not a spectrum (negative or non-finite values, a rank out of range).
    case invalidSpectrum(String)

    public var description: String {
        switch self {
        case .invalidBox(let reason): return reason
        case .unsupportedNetwork(let reason): return reason
        case .tooManyRegions(let limit): return "the partition has more than \(limit) linear regions; use a smaller box or raise the limit"
        case .invalidSpectrum(let reason): return "spectrum: \(reason)"
        }
    }
}

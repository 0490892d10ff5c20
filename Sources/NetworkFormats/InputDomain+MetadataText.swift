import Exact
import Networks

extension InputDomain {
    /// Reads the one-line form used in tensor-file metadata (`nnid.input_domain`):
    ///
    /// - `box:LO,HI` — every input in [LO, HI];
    /// - `box:LO₁,HI₁;LO₂,HI₂;…` — input i in [LOᵢ, HIᵢ], one pair per input;
    /// - `gaussian:MEAN,SD` — independent N(MEAN, SD²) inputs.
    ///
    /// Numbers are exact (`-1`, `0.5`, `1/3`). Requires LO < HI (as the JSON format does: an
    /// interval of one point is no domain to sample) and SD > 0. (The text `data` names a data
    /// domain whose points are a tensor of the file: ``TensorLayout`` reads it.)
    public init(metadataText text: String, inputCount: Int) throws(TensorFormatError) {
        func numbers(_ s: Substring) throws(TensorFormatError) -> (Rational, Rational) {
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw .invalidInputDomain(text: text, reason: "expected two numbers separated by a comma in \"\(s)\"") }
            do {
                return (try Rational(parsing: parts[0].trimmingCharacters(in: " ")), try Rational(parsing: parts[1].trimmingCharacters(in: " ")))
            } catch {
                throw .invalidInputDomain(text: text, reason: error.description)
            }
        }
        guard let colon = text.firstIndex(of: ":") else {
            throw .invalidInputDomain(text: text, reason: "expected box:LO,HI, box:LO1,HI1;LO2,HI2;… or gaussian:MEAN,SD")
        }
        let kind = text[..<colon].lowercased()
        let rest = text[text.index(after: colon)...]
        switch kind {
        case "box":
            let pairs = rest.split(separator: ";", omittingEmptySubsequences: false)
            guard pairs.count == 1 || pairs.count == inputCount else {
                throw .invalidInputDomain(text: text, reason: "\(pairs.count) intervals for \(inputCount) inputs (give one, or one per input)")
            }
            var lower: [Rational] = [], upper: [Rational] = []
            for pair in pairs {
                let (lo, hi) = try numbers(pair)
                guard lo < hi else { throw .invalidInputDomain(text: text, reason: "lower bound \(lo) is not below upper bound \(hi)") }
                lower.append(lo)
                upper.append(hi)
            }
            if pairs.count == 1 {
                lower = Array(repeating: lower[0], count: inputCount)
                upper = Array(repeating: upper[0], count: inputCount)
            }
            self = .box(lower: lower, upper: upper)
        case "gaussian", "normal":
            let (mean, sd) = try numbers(rest)
            guard sd.signum > 0 else { throw .invalidInputDomain(text: text, reason: "the standard deviation must be positive") }
            self = .gaussian(mean: mean, standardDeviation: sd)
        default:
            throw .invalidInputDomain(text: text, reason: "unknown kind \"\(kind)\" (box or gaussian)")
        }
    }

    /// The one-line metadata form read by ``init(metadataText:inputCount:)``; a box with equal
    /// bounds on every input is written `box:LO,HI`.
    public var metadataText: String {
        switch self {
        case .box(let lower, let upper):
            if let lo = lower.first, let hi = upper.first, lower.allSatisfy({ $0 == lo }), upper.allSatisfy({ $0 == hi }) {
                return "box:\(lo),\(hi)"
            }
            return "box:" + zip(lower, upper).map { "\($0),\($1)" }.joined(separator: ";")
        case .gaussian(let mean, let sd):
            return "gaussian:\(mean),\(sd)"
        case .data:
            return InputDomain.dataMetadataText
        }
    }

    /// The metadata text of a data domain: the points are the tensor `nnid.inputs` (safetensors)
    /// or `inputs` (npz) stored beside the weights, one input per row.
    public static let dataMetadataText = "data"
}

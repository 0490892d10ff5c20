/// How messages name the settings they tell the user to change, and the other forms of a result
/// they point to. The library's own names are its API (``Setting/libraryName``: the fields of
/// `RankOptions`, `ReadLimits`, `SGLDOptions` …); a front end passes its own (the command line:
/// its flags) where a report or an error is rendered, so a message says what to do in the user's
/// terms and the library knows no command line.
public struct OptionNames: Sendable, Equatable {
    /// A setting a message can recommend changing, or another form of a result it can point to.
    public enum Setting: String, Sendable, CaseIterable {
        // The rank analysis (`RankOptions`).
        case points, maximumPoints, maximumSeconds, minimumRankGain
        /// `RankOptions.exact` set to `.always`.
        case exact
        case lineWalks, domain
        /// `RankOptions.domain` set to a finite data set.
        case data
        case tolerance
        /// `RankOptions.ambiguityRatio`: the gap σ_r/σ_{r+1} below which a numeric rank is ambiguous.
        case ambiguityRatio
        /// `RankOptions.maximumParameters`: the largest network the rank analysis takes.
        case maximumParameters
        // Reading and writing files (`ReadLimits`, `ReadOptions`, `WriteOptions`).
        /// `ReadLimits.maximumFileSize`.
        case maximumFileSize
        /// `ReadLimits.maximumParameters`: the largest network a reader builds.
        case maximumFileParameters
        /// `ReadOptions.activations`: the activations of a file that stores only tensors.
        case activations
        /// `ReadOptions.key`: which state dict of a checkpoint to read.
        case checkpointKey
        /// `WriteOptions.lossy`: round what the element type cannot hold.
        case lossy
        // The SGLD estimate (`SGLDOptions`).
        case epsilon, gamma, nBeta, chains, draws, burnIn, batchSize
        // Other forms of a result.
        /// A report's JSON form (`Report.json`), which keeps what the text shortens.
        case jsonReport
        /// The explanation of a finding's code (`FindingCode.explanation`); the code follows the name.
        case explanation
        /// The canonical form of a network (`Canonicalizer.canonicalize`), which writes the reduced network.
        case canonicalForm

        /// The library's name of the setting.
        public var libraryName: String {
            switch self {
            case .exact: return "RankOptions.exact = .always"
            case .data: return "RankOptions.domain = .data"
            case .points, .maximumPoints, .maximumSeconds, .minimumRankGain, .lineWalks, .domain, .tolerance, .ambiguityRatio,
                .maximumParameters:
                return "RankOptions.\(rawValue)"
            case .maximumFileSize: return "ReadLimits.maximumFileSize"
            case .maximumFileParameters: return "ReadLimits.maximumParameters"
            case .activations: return "ReadOptions.activations"
            case .checkpointKey: return "ReadOptions.key"
            case .lossy: return "WriteOptions.lossy"
            case .epsilon, .gamma, .nBeta, .chains, .draws, .burnIn, .batchSize: return "SGLDOptions.\(rawValue)"
            case .jsonReport: return "Report.json"
            case .explanation: return "FindingCode.explanation of"
            case .canonicalForm: return "Canonicalizer.canonicalize"
            }
        }
    }

    private var names: [Setting: String]

    /// Names for some settings; the others keep their ``Setting/libraryName``.
    public init(_ names: [Setting: String] = [:]) { self.names = names }

    public subscript(_ setting: Setting) -> String { names[setting] ?? setting.libraryName }
}

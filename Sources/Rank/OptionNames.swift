/// How messages name the settings they tell the user to change. The library's own names are the
/// fields of ``RankOptions``; a front end passes its own in ``RankOptions/optionNames`` (the
/// command line: its flags), so a message says what to do in the user's terms and the library
/// knows no command line.
public struct OptionNames: Sendable, Equatable {
    /// A setting a message can recommend changing.
    public enum Setting: String, Sendable, CaseIterable {
        /// ``RankOptions/points``.
        case points
        /// ``RankOptions/maximumPoints``.
        case maximumPoints
        /// ``RankOptions/maximumSeconds``.
        case maximumSeconds
        /// ``RankOptions/minimumRankGain``.
        case minimumRankGain
        /// ``RankOptions/exact`` set to ``RankOptions/ExactMode/always``.
        case exact
        /// ``RankOptions/lineWalks``.
        case lineWalks
        /// ``RankOptions/domain``.
        case domain
        /// ``RankOptions/tolerance``.
        case tolerance
        /// ``RankOptions/maximumParameters``.
        case maximumParameters

        /// The library's name of the setting.
        public var libraryName: String { self == .exact ? "RankOptions.exact = .always" : "RankOptions.\(rawValue)" }
    }

    private var names: [Setting: String]

    /// Names for some settings; the others keep their ``Setting/libraryName``.
    public init(_ names: [Setting: String] = [:]) { self.names = names }

    public subscript(_ setting: Setting) -> String { names[setting] ?? setting.libraryName }
}

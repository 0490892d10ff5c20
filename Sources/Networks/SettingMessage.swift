/// A message that may name settings: written with the setting, not its spelling
/// (`"raise it with \(setting: .maximumFileParameters)"`), and spelled when it is rendered —
/// by ``description(naming:)`` with a front end's ``OptionNames``, by `description` with the
/// library's.
public struct SettingMessage: Sendable, Hashable, NamesSettings, ExpressibleByStringInterpolation {
    enum Piece: Sendable, Hashable {
        case text(String)
        case setting(OptionNames.Setting)
    }

    /// Text and settings in turn: adjacent text is one piece, so two messages that read the
    /// same with the same settings are equal however they were written.
    private(set) var pieces: [Piece]

    /// Text that names no setting.
    public init(verbatim text: String) { pieces = text.isEmpty ? [] : [.text(text)] }

    public init(stringLiteral value: String) { self.init(verbatim: value) }

    public init(stringInterpolation: Interpolation) { pieces = stringInterpolation.pieces }

    public struct Interpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { append(literal) }

        /// A value's text, as in a `String` interpolation.
        public mutating func appendInterpolation<T>(_ value: T) { append(String(describing: value)) }

        /// A setting, spelled when the message is rendered.
        public mutating func appendInterpolation(setting: OptionNames.Setting) { pieces.append(.setting(setting)) }

        /// Another message, its settings kept.
        public mutating func appendInterpolation(_ message: SettingMessage) {
            for piece in message.pieces {
                switch piece {
                case .text(let text): append(text)
                case .setting: pieces.append(piece)
                }
            }
        }

        private mutating func append(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let last)? = pieces.last { pieces[pieces.count - 1] = .text(last + text) } else { pieces.append(.text(text)) }
        }
    }

    /// The text with each setting named by `names`.
    public func description(naming names: OptionNames) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .setting(let setting): return names[setting]
            }
        }.joined()
    }
}

import Networks

/// Why a file could not be read or written, and where.
///
/// `file` is the path as the user gave it (`-` for standard input), `place` the location inside
/// it — a JSON path such as `layers[1].weights[2][0]`, a tensor name, or a ZIP entry — and
/// `message` what is wrong there; a message that recommends a setting (a limit to raise, the
/// activations to give) names it as an ``OptionNames/Setting``, spelled where it is shown
/// (``description(naming:)``).
public struct FormatError: Error, Equatable, Sendable, NamesSettings {
    public var file: String
    public var place: String?
    /// What is wrong, its settings unspelled.
    public var text: SettingMessage

    /// What is wrong, with the library's names of the settings it recommends.
    public var message: String { text.description }

    public init(file: String, place: String? = nil, message: SettingMessage) {
        self.file = file
        self.place = place
        self.text = message
    }

    /// `file: place: message`.
    public func description(naming names: OptionNames) -> String {
        [file.isEmpty ? nil : file, place, text.description(naming: names)].compactMap { $0 }.joined(separator: ": ")
    }
}

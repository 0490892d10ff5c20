/// Why a file could not be read or written, and where.
///
/// `file` is the path as the user gave it (`-` for standard input), `place` the location inside
/// it — a JSON path such as `layers[1].weights[2][0]`, a tensor name, or a ZIP entry — and
/// `message` what is wrong there.
public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var place: String?
    public var message: String

    public init(file: String, place: String? = nil, message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    /// `file: place: message`.
    public var description: String {
        [file.isEmpty ? nil : file, place, message].compactMap { $0 }.joined(separator: ": ")
    }
}

/// A value whose text may name settings (``OptionNames/Setting``): ``description(naming:)``
/// spells them with a front end's names, `description` with the library's.
public protocol NamesSettings: CustomStringConvertible {
    func description(naming names: OptionNames) -> String
}

extension NamesSettings {
    public var description: String { description(naming: OptionNames()) }
}

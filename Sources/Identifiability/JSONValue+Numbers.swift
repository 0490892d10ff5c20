extension JSONValue {
    /// An integer as a JSON number.
    static func integer(_ i: Int) -> JSONValue { .number(String(i)) }

    /// A Double as a JSON number (Swift's shortest round-tripping text); ±∞ and NaN, which JSON
    /// has no literal for, as the strings `"inf"`, `"-inf"` and `"nan"`.
    static func double(_ x: Double) -> JSONValue { x.isFinite ? .number("\(x)") : .string("\(x)") }
}

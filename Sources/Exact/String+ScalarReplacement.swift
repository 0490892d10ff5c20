extension String {
    /// The text with each Unicode scalar that `table` lists replaced by its entry, each other
    /// scalar by `other(scalar)`, and kept where that is `nil`: the one scalar-by-scalar rewrite
    /// behind the JSON string escapes, the XML escapes of the pictures and the inert rendering of
    /// control characters. `table` is searched in order (it holds a few entries).
    public func replacingScalars(
        _ table: KeyValuePairs<Unicode.Scalar, String>, otherwise other: (Unicode.Scalar) -> String? = { _ in nil }
    ) -> String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if let replacement = table.first(where: { $0.key == scalar })?.value ?? other(scalar) {
                out.append(contentsOf: replacement.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

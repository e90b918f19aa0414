extension String {
    /// Whether the text is empty or only Unicode whitespace (newlines included).
    var isBlank: Bool {
        unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// The text without leading and trailing Unicode whitespace (newlines included).
    func trimmingWhitespace() -> String {
        trimming { $0.properties.isWhitespace }
    }

    /// The text without leading and trailing scalars for which `isTrimmed` holds.
    func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}

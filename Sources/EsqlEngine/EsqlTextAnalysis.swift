/// Full-text matching on a `text` field as Elasticsearch's standard analyzer sees it, for
/// `MATCH_PHRASE`: the text is split into lower-cased tokens (runs of letters, digits and `_`,
/// joined across a `.` or `'` between two such characters, as Unicode word segmentation does), and a
/// phrase matches when its tokens appear consecutively. An approximation of Lucene's
/// `StandardTokenizer`: it ignores Unicode's script-specific rules.
enum EsqlTextAnalysis {
    static func tokens(_ text: String) -> [String] {
        let scalars = Array(text.lowercased().unicodeScalars)
        func isWord(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" }
        var result: [String] = []
        var token = String.UnicodeScalarView()
        for (index, c) in scalars.enumerated() {
            if isWord(c) {
                token.append(c)
            } else if (c == "." || c == "'"), !token.isEmpty, index + 1 < scalars.count, isWord(scalars[index + 1]) {
                token.append(c)
            } else if !token.isEmpty {
                result.append(String(token))
                token = String.UnicodeScalarView()
            }
        }
        if !token.isEmpty { result.append(String(token)) }
        return result
    }

    /// Whether `phrase`'s tokens appear consecutively in `text`'s.
    static func containsPhrase(_ text: String, _ phrase: String) -> Bool {
        let wanted = tokens(phrase)
        guard !wanted.isEmpty else { return false }
        let have = tokens(text)
        guard have.count >= wanted.count else { return false }
        return (0...(have.count - wanted.count)).contains { have[$0..<($0 + wanted.count)].elementsEqual(wanted) }
    }
}

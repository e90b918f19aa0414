/// Finds `label = value` / `label: value` in free text, for the lenient parser.
///
/// A label matches case-insensitively where it is not preceded by a letter or digit; between it and
/// the `=` or `:` only markup (`* _ " ' `` ` ``), spaces and tabs may stand (`**Verdict:**`, `"verdict":`).
struct LabeledValueScanner {
    private let scalars: [Unicode.Scalar]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Indices just after the separator of each `label … =|:` occurrence, in text order.
    func valueStarts(after label: String) -> [Int] {
        let needle = label.unicodeScalars.map(Self.folded)
        guard !needle.isEmpty, needle.count <= scalars.count else { return [] }
        var starts: [Int] = []
        for start in 0...(scalars.count - needle.count) where start == 0 || !Self.isAlphanumeric(scalars[start - 1]) {
            guard Self.folded(scalars[start]) == needle[0],
                  scalars[start..<(start + needle.count)].map(Self.folded) == needle
            else { continue }
            if let separator = separatorEnd(from: start + needle.count) { starts.append(separator) }
        }
        return starts
    }

    /// The word (letters, digits, `_`, `-`) at `index`, after whitespace and opening markup;
    /// nil when it opens a list of alternatives (`TP|FP`, an echoed answer template).
    func word(at index: Int) -> String? {
        let start = skip(from: index, while: Self.isOpeningMarkup)
        var end = start
        while end < scalars.count, Self.isAlphanumeric(scalars[end]) || scalars[end] == "_" || scalars[end] == "-" { end += 1 }
        let next = skip(from: end) { $0 == " " }
        if next < scalars.count, scalars[next] == "|" { return nil }
        return string(start..<end)
    }

    /// The number at `index` (after whitespace and opening markup) with a following `%`, if any;
    /// otherwise (no number, or one glued to letters or to `,` `/` `-` and a digit) the run of non-whitespace there.
    func number(at index: Int) -> String {
        let start = skip(from: index, while: Self.isOpeningMarkup)
        var end = start
        if end < scalars.count, scalars[end] == "+" || scalars[end] == "-" { end += 1 }
        let digitsStart = end
        while end < scalars.count, Self.isDigitOrDot(scalars[end]) { end += 1 }
        if end > digitsStart {
            var exponent = end
            if exponent < scalars.count, scalars[exponent] == "e" || scalars[exponent] == "E" {
                exponent += 1
                if exponent < scalars.count, scalars[exponent] == "+" || scalars[exponent] == "-" { exponent += 1 }
                let exponentDigits = exponent
                while exponent < scalars.count, ("0"..."9").contains(scalars[exponent]) { exponent += 1 }
                if exponent > exponentDigits { end = exponent }
            }
            if !continuesWord(at: end) {
                let percent = skip(from: end) { $0 == " " }
                if percent < scalars.count, scalars[percent] == "%" { end = percent + 1 }
                return string(start..<end)
            }
        }
        while end < scalars.count, !scalars[end].properties.isWhitespace { end += 1 }
        return string(start..<end)
    }

    /// Whether a number ending at `index` is really part of something else (`0x1p-1`, `0,9`, `9/10`, `0-1`).
    private func continuesWord(at index: Int) -> Bool {
        guard index < scalars.count else { return false }
        if Self.isAlphanumeric(scalars[index]) { return true }
        return ",/-".unicodeScalars.contains(scalars[index]) && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1])
    }

    /// The text from `index` to the end, stopping before a line that opens a code fence or starts with
    /// one of `stopLabels` and its separator.
    func rest(from index: Int, stoppingAt stopLabels: [String]) -> String {
        var end = scalars.count
        var lineStart = index
        while let newline = scalars[lineStart..<end].firstIndex(of: "\n") {
            lineStart = newline + 1
            let content = skip(from: lineStart) { $0 == " " || $0 == "\t" }
            if scalars[content...].starts(with: "```".unicodeScalars) || stopLabels.contains(where: { startsLabeledValue($0, at: lineStart) }) {
                end = newline
                break
            }
        }
        return string(index..<end)
    }

    /// Whether the line at `lineStart` begins (after spaces and markup) with `label` and a separator.
    private func startsLabeledValue(_ label: String, at lineStart: Int) -> Bool {
        let start = skip(from: lineStart) { $0 == " " || $0 == "\t" || Self.isMarkup($0) }
        let needle = label.unicodeScalars.map(Self.folded)
        guard start + needle.count <= scalars.count,
              scalars[start..<(start + needle.count)].map(Self.folded) == needle
        else { return false }
        return separatorEnd(from: start + needle.count) != nil
    }

    /// After a label: markup, spaces or tabs, then `=` or `:`; the index after it.
    private func separatorEnd(from index: Int) -> Int? {
        let separator = skip(from: index) { $0 == " " || $0 == "\t" || Self.isMarkup($0) }
        guard separator < scalars.count, scalars[separator] == "=" || scalars[separator] == ":" else { return nil }
        return separator + 1
    }

    private func skip(from index: Int, while predicate: (Unicode.Scalar) -> Bool) -> Int {
        var index = index
        while index < scalars.count, predicate(scalars[index]) { index += 1 }
        return index
    }

    private func string(_ range: Range<Int>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[range])
        return result
    }

    private static func isMarkup(_ scalar: Unicode.Scalar) -> Bool {
        "*_\"'`".unicodeScalars.contains(scalar)
    }

    private static func isOpeningMarkup(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || isMarkup(scalar) || "<[(".unicodeScalars.contains(scalar)
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func isDigitOrDot(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || scalar == "."
    }

    private static func folded(_ scalar: Unicode.Scalar) -> String {
        scalar.properties.lowercaseMapping
    }
}

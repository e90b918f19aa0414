/// Python's `json.loads` of a whole text, as an analyzer script parses a model's answer.
///
/// Accepted exactly where CPython accepts: JSON whitespace (space, tab, CR, LF) around one value;
/// `NaN`, `Infinity`, `-Infinity`; ints of any size up to 4,300 digits; duplicate keys (the last value
/// wins, at the first key's position). Rejected: trailing commas, comments, single quotes, prose or a
/// second value around the JSON, a BOM, control characters inside strings, bad escapes.
/// Two known differences, both outside what answers contain: a lone surrogate escape (`"\ud800"`) becomes
/// U+FFFD (Swift strings cannot hold one), and nesting deeper than ``JSONValue/maxDepth`` is rejected
/// (CPython recurses until its recursion limit).
public enum PythonJSON {
    /// The value, or nil where `json.loads` raises.
    public static func loads(_ text: String) -> PythonValue? {
        JSONValue.parseDocument(text, python: true).map(PythonValue.init(json:))
    }

    /// `json.dumps(value)` with Python's defaults.
    public static func dumps(_ value: PythonValue) -> String {
        PythonJSONDumps()(value)
    }
}

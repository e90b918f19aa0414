/// A problem in a user-supplied file (case YAML, prompt, config, JSONL), located precisely.
///
/// Its description is one line a user can act on: `cases/lsass.yaml:12:5: label: must be TP or FP, got "tp?"`.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in, as the user named it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// The field path (e.g. `cases[3].label`), when the problem is a field.
    public var field: String?
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        if let field { return "\(location): \(field): \(message)" }
        return "\(location): \(message)"
    }
}

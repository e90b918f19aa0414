/// One answer recorded elsewhere (another harness, a study, a production log): a line of a JSONL file
/// `{"case_id": "…", "sample": 0, "prompt": "alert-analyzer@v1", "response": …}` that the `replay` model plays back.
///
/// `response` is the text the model returned, or a JSON object (or array) that stands for it: such a value
/// is replayed as its compact JSON text — no whitespace, keys in the order written, numbers spelled as
/// written (`{"verdict":"TP","confidence":0.90}`), which is `json.dumps(value, separators=(",", ":"),
/// ensure_ascii=False)` for every number Python writes as it reads it. `sample` defaults to 0; `prompt`
/// (optional, `ID@VERSION`) says which prompt the answer is for, so one file can hold answers for several
/// prompts; a line without it answers any prompt that has no answer of its own.
public struct RecordedAnswer: Sendable, Equatable {
    public var caseID: String
    public var sample: Int
    /// `ID@VERSION`; nil: the answer for any prompt.
    public var prompt: String?
    /// The answer text, byte-exact.
    public var response: String

    public init(caseID: String, sample: Int, prompt: String?, response: String) {
        self.caseID = caseID
        self.sample = sample
        self.prompt = prompt
        self.response = response
    }

    /// Reads one JSONL line; errors name `file`, `line` and the field.
    public static func parse(_ text: String, file: String, line: Int) throws(InputError) -> RecordedAnswer {
        guard let value = JSONValue.parseDocument(text), case .object = value else {
            throw InputError(file: file, line: line, message: "not a JSON object")
        }
        guard case .string(let caseID)? = value.member("case_id"), !caseID.isEmpty else {
            throw InputError(file: file, line: line, field: "case_id", message: "is required (a string)")
        }
        var sample = 0
        if let member = value.member("sample") {
            guard case .number(let digits) = member, let number = Int(digits), number >= 0 else {
                throw InputError(file: file, line: line, field: "sample", message: "must be a non-negative integer")
            }
            sample = number
        }
        var prompt: String?
        if let member = value.member("prompt") {
            guard case .string(let key) = member, let at = key.firstIndex(of: "@"), at != key.startIndex, key.index(after: at) != key.endIndex else {
                throw InputError(file: file, line: line, field: "prompt", message: "must be a prompt as ID@VERSION (e.g. alert-analyzer@v1)")
            }
            prompt = key
        }
        let response: String
        switch value.member("response") {
        case .string(let text)?: response = text
        case let structured? where structured.isContainer: response = structured.compactText
        case nil: throw InputError(file: file, line: line, field: "response", message: "is required (the answer text, or the JSON object the model returned)")
        case _?: throw InputError(file: file, line: line, field: "response", message: "must be a string (the answer text) or a JSON object or array")
        }
        return RecordedAnswer(caseID: caseID, sample: sample, prompt: prompt, response: response)
    }
}

extension JSONValue {
    /// An object or an array.
    fileprivate var isContainer: Bool {
        switch self {
        case .object, .array: true
        default: false
        }
    }
}

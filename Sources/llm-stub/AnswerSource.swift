import CommandSupport
/// What the stub answers (`--answer`): the heuristic baseline, a fixed text, or recorded answers.
enum AnswerSource: Sendable {
    /// ``HeuristicTriage`` on the prompt text, written as `verdict=… confidence=… summary=…`, or as a JSON
    /// object `{"verdict", "confidence", "summary"}` when the request carries a schema.
    case heuristic(HeuristicMemo)
    /// The same literal text for every prompt.
    case text(String)
    /// Recorded answers, chosen by the case id found in the prompt.
    case replay(ReplayBook)
    /// What the stub read from the request, as `{"system": …, "user": …}` (tests check each wire format's roles).
    case echo

    /// Parses `heuristic`, `text:STRING` or `replay:FILE`.
    static func parse(_ argument: String) throws(UsageError) -> AnswerSource {
        if argument == "heuristic" { return .heuristic(HeuristicMemo()) }
        if argument == "echo" { return .echo }
        if argument.hasPrefix("text:") { return .text(String(argument.dropFirst("text:".count))) }
        if argument.hasPrefix("replay:") {
            let path = String(argument.dropFirst("replay:".count))
            guard !path.isEmpty else { throw UsageError("--answer replay: needs a file, e.g. replay:answers.jsonl") }
            return .replay(try ReplayBook(contentsOf: path))
        }
        throw UsageError("--answer: expected heuristic, echo, text:STRING or replay:FILE, got \"\(argument)\"")
    }

    /// The answer text for one prompt; nil when replaying and no recorded case matches.
    func answer(for prompt: String, in request: ModelRequest) -> String? {
        let seed = request.seed
        switch self {
        case .echo:
            return JSONOut.object([("system", request.system.map(JSONOut.string) ?? .null), ("user", .string(prompt))]).text
        case .heuristic(let memo):
            return request.structured ? StructuredAnswer.heuristic(for: prompt) : memo.answer(for: prompt)
        case .text(let text):
            return text
        case .replay(let book):
            return book.answer(for: prompt, seed: seed)
        }
    }
}

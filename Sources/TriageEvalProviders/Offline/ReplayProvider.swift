public import TriageEval
internal import Foundation

/// The `replay` model: answers recorded elsewhere (another tool, a study, a production log, a past run),
/// read from JSONL lines `{"case_id": "…", "sample": 0, "prompt": "ID@VERSION", "response": "…" or {…}}`
/// (``RecordedAnswer``: an object response is replayed as its compact JSON text).
///
/// An answer is looked up by prompt, case and sample; a line without `prompt` answers every prompt that has
/// no answer of its own for that case and sample. A case or sample with no recorded answer is an error
/// result for that item, not a crash.
public struct ReplayProvider: ModelProvider {
    /// Prompt key ("" for lines without one) → case id → sample → response text.
    let answers: [String: [String: [Int: String]]]
    let file: String

    /// Loads the recordings; a malformed line is an ``InputError`` naming the file and line.
    public init(contentsOf path: String) throws(InputError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError(file: path, message: "cannot read recorded answers: \(error.localizedDescription)")
        }
        try self.init(jsonl: text, file: path)
    }

    /// Parses JSONL text; `file` names it in errors.
    public init(jsonl text: String, file: String) throws(InputError) {
        var answers: [String: [String: [Int: String]]] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let answer = try RecordedAnswer.parse(trimmed, file: file, line: index + 1)
            let prompt = answer.prompt ?? ""
            if answers[prompt]?[answer.caseID]?[answer.sample] != nil {
                let forPrompt = answer.prompt.map { " of prompt \($0)" } ?? ""
                throw InputError(file: file, line: index + 1, message: "duplicate answer for case \(answer.caseID) sample \(answer.sample)\(forPrompt)")
            }
            answers[prompt, default: [:]][answer.caseID, default: [:]][answer.sample] = answer.response
        }
        self.answers = answers
        self.file = file
    }

    /// The answers recorded without a prompt key: case id → sample → response text.
    public var recordedAnswers: [String: [Int: String]] { answers[""] ?? [:] }

    /// Whether some answer is recorded for this case (for any prompt or none).
    public func hasAnswers(forCase caseID: String) -> Bool {
        answers.values.contains { $0[caseID] != nil }
    }

    /// How many answers are recorded.
    public var count: Int { answers.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } } }

    public func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        let own = request.promptKey.flatMap { answers[$0]?[request.caseID]?[request.sample] }
        guard let response = own ?? answers[""]?[request.caseID]?[request.sample] else {
            let forPrompt = request.promptKey.map { " (prompt \($0))" } ?? ""
            throw ProviderError(.missingAnswer, "no recorded answer for case \(request.caseID) sample \(request.sample)\(forPrompt) in \(file)")
        }
        return CompletionResponse(text: response)
    }
}

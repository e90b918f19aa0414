public import TriageEval
internal import Foundation

/// The `replay` model: answers recorded elsewhere (another tool, a production log, a past run),
/// read from JSONL lines `{"case_id": "…", "sample": 0, "response": "…"}`.
///
/// A case or sample with no recorded answer is an error result for that item, not a crash.
public struct ReplayProvider: ModelProvider {
    let answers: [String: [Int: String]]
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
        var answers: [String: [Int: String]] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let lineNumber = index + 1
            guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                throw InputError(file: file, line: lineNumber, message: "not a JSON object")
            }
            guard let caseID = object["case_id"] as? String, !caseID.isEmpty else {
                throw InputError(file: file, line: lineNumber, field: "case_id", message: "is required (a string)")
            }
            let sample: Int
            if object["sample"] == nil {
                sample = 0
            } else if let number = object["sample"] as? Int, number >= 0 {
                sample = number
            } else {
                throw InputError(file: file, line: lineNumber, field: "sample", message: "must be a non-negative integer")
            }
            guard let response = object["response"] as? String else {
                throw InputError(file: file, line: lineNumber, field: "response", message: "is required (a string)")
            }
            if answers[caseID]?[sample] != nil {
                throw InputError(file: file, line: lineNumber, message: "duplicate answer for case \(caseID) sample \(sample)")
            }
            answers[caseID, default: [:]][sample] = response
        }
        self.answers = answers
        self.file = file
    }

    /// Every recorded answer: case id → sample → response text.
    public var recordedAnswers: [String: [Int: String]] { answers }

    /// How many answers are recorded.
    public var count: Int { answers.values.reduce(0) { $0 + $1.count } }

    public func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        guard let response = answers[request.caseID]?[request.sample] else {
            throw ProviderError(.missingAnswer, "no recorded answer for case \(request.caseID) sample \(request.sample) in \(file)")
        }
        return CompletionResponse(text: response)
    }
}

import Foundation
import StubTestSupport
import TriageEval
import TriageEvalProviders

/// Walks decoded JSON by object keys and array indexes: `json(body, "choices", 0, "message", "content")`.
func json(_ value: Any?, _ path: Any...) -> Any? {
    var current = value
    for step in path {
        if let key = step as? String {
            current = (current as? [String: Any])?[key]
        } else if let index = step as? Int, let array = current as? [Any], array.indices.contains(index) {
            current = array[index]
        } else {
            return nil
        }
    }
    return current
}

/// Decodes a response body as any JSON value.
func decoded(_ response: StubResponse) -> Any? {
    try? JSONSerialization.jsonObject(with: response.body)
}

/// What the `heuristic` answer source must say for `prompt`: the library's assessment in the default format.
func heuristicAnswer(_ prompt: String) -> String {
    let assessment = HeuristicTriage.assess(prompt)
    return AnswerFormatter.format(
        verdict: assessment.verdict, confidence: assessment.confidence, summary: assessment.summary, spec: .esqlTriage
    )
}

/// An ES|QL `"…"` literal for `text`, with the escapes ES|QL reads back.
func esqlString(_ text: String) -> String {
    var literal = "\""
    for character in text {
        switch character {
        case "\\": literal += "\\\\"
        case "\"": literal += "\\\""
        case "\n": literal += "\\n"
        case "\r": literal += "\\r"
        case "\t": literal += "\\t"
        case "\r\n": literal += "\\r\\n"
        default: literal.append(character)
        }
    }
    return literal + "\""
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let directory = Scratch.url("llm-stub-tests")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

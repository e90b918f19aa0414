internal import TriageEval
internal import TriageEvalProviders

/// How the stub answers a request that carries a schema: the answer text as a JSON object, for the formats
/// whose structured answer is an object (a forced tool's `input`), and the heuristic's answer as JSON.
enum StructuredAnswer {
    /// The heuristic's assessment as `{"verdict", "confidence", "summary"}` (what a JSON prompt declares by default).
    static func heuristic(for prompt: String) -> String {
        let assessment = HeuristicTriage.assess(prompt)
        return JSONOut.object([
            ("verdict", .string(assessment.verdict)), ("confidence", .double(assessment.confidence)),
            ("summary", .string(assessment.summary)),
        ]).text
    }

    /// `answer` as a JSON object in response-body form, members in order; nil when it is not one object
    /// (the format then answers with a text block, as a model that ignored the tool would).
    static func object(_ answer: String) -> JSONOut? {
        guard let value = OrderedJSON.parse(answer), case .object = value else { return nil }
        return jsonOut(value)
    }

    private static func jsonOut(_ value: OrderedJSON) -> JSONOut {
        switch value {
        case .string(let text): .string(text)
        case .number(let text): Int(text).map(JSONOut.int) ?? .double(Double(text) ?? 0)
        case .bool(let flag): .bool(flag)
        case .null: .null
        case .array(let items): .array(items.map(jsonOut))
        case .object(let members): .object(members.map { ($0.key, jsonOut($0.value)) })
        }
    }
}

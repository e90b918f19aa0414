/// Elastic's inference API (`POST /_inference/completion/{inference_id}`): `{"input": "…" | ["…", …]}`
/// in, one `{"result"}` per input out, no token usage (the real API returns none).
struct ElasticInferenceFormat: WireFormat {
    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest {
        let prompts: [String]
        if let input = body["input"] as? String {
            prompts = [input]
        } else if let inputs = body["input"] as? [Any], !inputs.isEmpty, inputs.allSatisfy({ $0 is String }) {
            prompts = inputs.compactMap { $0 as? String }
        } else {
            throw .badRequest("Validation Failed: 1: Field [input] cannot be empty;")
        }
        return ModelRequest(prompts: prompts, seed: JSONIn.int(body["seed"]), model: pathModel ?? "llm-stub")
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        .object([("completion", .array(answers.map { .object([("result", .string($0))]) }))])
    }

    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)]) {
        (ElasticError.body(for: failure, badRequestType: "action_request_validation_exception"), [])
    }
}

/// ES|QL (`POST /_query`) running `COMPLETION` over prompts given in a `ROW` command (see ``EsqlRowQuery``):
/// one row per prompt, only the `KEEP`'d columns, in `KEEP` order.
struct EsqlQueryFormat: WireFormat {
    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest {
        guard let text = body["query"] as? String else {
            throw .badRequest("Validation Failed: 1: [query] is required;")
        }
        let query: EsqlRowQuery
        do {
            query = try EsqlRowQuery(parsing: text)
        } catch {
            throw .badRequest(error.reason, errorType: error.exceptionType)
        }
        return ModelRequest(prompts: query.prompts, seed: JSONIn.int(body["seed"]), model: query.inferenceID, query: query)
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        guard let query = request.query else { return .object([]) }
        let columns = query.keep.map { JSONOut.object([("name", .string($0)), ("type", .string("keyword"))]) }
        let rows = zip(query.prompts, answers).map { prompt, answer in
            JSONOut.array(query.keep.map { .string($0 == query.completionColumn ? answer : prompt) })
        }
        return .object([("took", .int(1)), ("is_partial", .bool(false)), ("columns", .array(columns)), ("values", .array(rows))])
    }

    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)]) {
        (ElasticError.body(for: failure, badRequestType: "parsing_exception"), [])
    }
}

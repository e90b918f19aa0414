internal import TriageEval
/// Many prompts per `POST /_query`, as a rule's own `COMPLETION` runs over up to 100 rows:
///
///     ROW prompt = ["<p1>", "<p2>", …] | MV_EXPAND prompt
///     | COMPLETION triage_result = prompt WITH {"inference_id": "<id>"} | KEEP prompt, triage_result
///
/// Elasticsearch rejects a `COMPLETION` over more than ``maxRowsPerQuery`` rows, so prompts are sent in
/// chunks of at most that many; each answer is matched to its prompt by position and the echoed `prompt`
/// column is checked, so a reordered or short result is an error, never a mismatched answer.
extension EsqlCompletionProvider {
    /// `COMPLETION`'s row limit.
    public static let maxRowsPerQuery = 100

    /// The query for one chunk of prompts (each an escaped string literal).
    public func batchQuery(for prompts: [String]) -> String {
        let values = prompts.map { EsqlStringLiteral.quote($0) }.joined(separator: ", ")
        return "ROW prompt = [\(values)] | MV_EXPAND prompt | COMPLETION \(Self.resultColumn) = prompt WITH {\"inference_id\": \(EsqlStringLiteral.quote(inferenceID))}"
            + " | KEEP prompt, \(Self.resultColumn)"
    }

    /// The answers to `prompts`, in order, in ⌈n/100⌉ requests.
    public func completeBatch(_ prompts: [String]) async throws(ProviderError) -> [CompletionResponse] {
        var answers: [CompletionResponse] = []
        var start = 0
        while start < prompts.count {
            let chunk = Array(prompts[start..<min(start + Self.maxRowsPerQuery, prompts.count)])
            let request = HTTPRequest(
                url: try endpoint.url(path: "/_query"), headers: [HTTPHeader("Content-Type", "application/json"), auth.header],
                body: try JSONWire.encode(Body(query: batchQuery(for: chunk)))
            )
            answers += try completions(from: try await transport.send(request), for: chunk)
            start += chunk.count
        }
        return answers
    }

    /// One answer per prompt from a batched response.
    func completions(from response: HTTPResponse, for prompts: [String]) throws(ProviderError) -> [CompletionResponse] {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "esql-completion", response: response, detail: ElasticInferenceProvider.errorDetail(from: response))
        }
        let decoded = try JSONWire.decode(Response.self, from: response, provider: "esql-completion")
        let names = decoded.columns?.map(\.name) ?? []
        guard let promptColumn = names.firstIndex(of: "prompt"), let resultColumn = names.firstIndex(of: Self.resultColumn) else {
            throw ProviderError(.badResponse, "esql-completion \(response.status): the result lacks the prompt and \(Self.resultColumn) columns", retryable: true)
        }
        let rows = decoded.values ?? []
        guard rows.count == prompts.count else {
            throw ProviderError(.badResponse, "esql-completion \(response.status): \(rows.count) rows for \(prompts.count) prompts", retryable: true)
        }
        var answers: [CompletionResponse] = []
        for (row, prompt) in zip(rows, prompts) {
            guard max(promptColumn, resultColumn) < row.count, row[promptColumn]?.value == prompt else {
                throw ProviderError(.badResponse, "esql-completion \(response.status): rows do not come back in prompt order", retryable: true)
            }
            answers.append(CompletionResponse(text: row[resultColumn]?.value ?? ""))
        }
        return answers
    }
}

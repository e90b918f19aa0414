internal import TriageEval
import EsqlEngine
/// Many prompts per `POST /_query`, as a rule's own `COMPLETION` runs over up to 100 rows:
///
///     ROW prompt = ["<p1>", "<p2>", …] | MV_EXPAND prompt
///     | COMPLETION triage_result = prompt WITH {"inference_id": "<id>"} | KEEP prompt, triage_result
///
/// Elasticsearch rejects a `COMPLETION` over more than ``maxRowsPerQuery`` rows, so prompts are sent in
/// chunks of at most that many. `MV_EXPAND` may emit rows in any order, so each answer is matched to its
/// prompt by the echoed `prompt` column (repeats of one prompt take its answers in row order): a short
/// result or an unknown prompt is an error, never a mismatched answer.
extension EsqlCompletionProvider: BatchModelProvider {
    /// `COMPLETION`'s row limit.
    public static let maxRowsPerQuery = ProviderKind.esqlCompletionRowLimit

    public var maxBatchSize: Int { Self.maxRowsPerQuery }

    /// The query for one chunk of prompts (each an escaped string literal).
    public func batchQuery(for prompts: [String]) -> String {
        let values = prompts.map { EsqlStringLiteral.quote($0) }.joined(separator: ", ")
        return "ROW prompt = [\(values)] | MV_EXPAND prompt | COMPLETION \(Self.resultColumn) = prompt WITH {\"inference_id\": \(EsqlStringLiteral.quote(inferenceID))}"
            + " | KEEP prompt, \(Self.resultColumn)"
    }

    /// The answers to `requests`, in order, in ⌈n/100⌉ requests.
    public func completeBatch(_ requests: [CompletionRequest]) async throws(ProviderError) -> [CompletionResponse] {
        let prompts = requests.map(\.prompt)
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
        var answersByPrompt: [String: ArraySlice<String>] = [:]
        for row in rows where max(promptColumn, resultColumn) < row.count {
            guard let prompt = row[promptColumn]?.value else { continue }
            answersByPrompt[prompt, default: []].append(row[resultColumn]?.value ?? "")
        }
        var answers: [CompletionResponse] = []
        for prompt in prompts {
            guard let answer = answersByPrompt[prompt]?.popFirst() else {
                throw ProviderError(.badResponse, "esql-completion \(response.status): the result does not echo every prompt sent", retryable: true)
            }
            answers.append(CompletionResponse(text: answer))
        }
        return answers
    }
}

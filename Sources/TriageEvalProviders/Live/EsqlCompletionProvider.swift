internal import TriageEval
import EsqlEngine
/// ES|QL `COMPLETION` (Elasticsearch 9.2+ syntax) through `POST /_query`: the prompt goes in as an escaped
/// string literal, exactly one row, and the answer comes back as the `triage_result` column.
///
///     ROW prompt = "<prompt>" | COMPLETION triage_result = prompt WITH {"inference_id": "<id>"} | KEEP triage_result
public struct EsqlCompletionProvider: HTTPModelProvider {
    static let resultColumn = "triage_result"

    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let inferenceID: String
    let auth: ElasticAuth

    public init(transport: any HTTPTransport, baseURL: String, inferenceID: String, auth: ElasticAuth) {
        self.transport = transport
        self.endpoint = Endpoint(base: baseURL)
        self.inferenceID = inferenceID
        self.auth = auth
    }

    struct Body: Encodable { let query: String }

    struct Response: Decodable {
        struct Column: Decodable { let name: String }
        let columns: [Column]?
        let values: [[LooseString?]]?
    }

    /// The query for one prompt. Alert text is attacker-controlled, so it only ever appears inside a
    /// string literal with `\`, `"` and control characters escaped.
    public func query(for prompt: String) -> String {
        "ROW prompt = \(EsqlStringLiteral.quote(prompt)) | COMPLETION \(Self.resultColumn) = prompt WITH {\"inference_id\": \(EsqlStringLiteral.quote(inferenceID))} | KEEP \(Self.resultColumn)"
    }

    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        // The run refuses such a prompt when it loads (`PromptVersion.checkSendable`); never drop the part silently.
        if request.system != nil { throw ProviderError(.configuration, "esql-completion sends one prompt string and cannot carry a system part", retryable: false) }
        let headers = [HTTPHeader("Content-Type", "application/json"), auth.header]
        return HTTPRequest(url: try endpoint.url(path: "/_query"), headers: headers, body: try JSONWire.encode(Body(query: query(for: request.prompt))))
    }

    /// The `triage_result` cell of the one row; a null cell (the completion failed inside ES) is an empty answer.
    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "esql-completion", response: response, detail: ElasticInferenceProvider.errorDetail(from: response))
        }
        let decoded = try JSONWire.decode(Response.self, from: response, provider: "esql-completion")
        guard let column = decoded.columns?.firstIndex(where: { $0.name == Self.resultColumn }),
              let row = decoded.values?.first, column < row.count
        else {
            throw ProviderError(.badResponse, "esql-completion \(response.status): no \(Self.resultColumn) value in the result", retryable: true)
        }
        return CompletionResponse(text: row[column]?.value ?? "")
    }
}

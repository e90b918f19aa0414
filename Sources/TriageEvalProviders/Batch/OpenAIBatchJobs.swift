internal import Foundation

/// OpenAI Batch (`POST /v1/files` with `purpose=batch`, `POST /v1/batches` over `/v1/chat/completions` in a 24 h
/// window, `GET /v1/batches/{id}`, `GET /v1/files/{id}/content`), and Azure OpenAI global batch, the same shape
/// under `/openai/…?api-version=…` (or `/openai/v1/…`) whose lines name the global-batch deployment as `model`.
/// Each line's body is the Chat Completions body the model's live provider sends alone.
struct OpenAIBatchJobs: BatchJobProvider {
    /// Which API the batch goes to.
    enum Flavor: Sendable {
        case openAI(OpenAIProvider)
        case azure(AzureOpenAIProvider)
    }

    let flavor: Flavor

    var transport: any HTTPTransport {
        switch flavor {
        case .openAI(let provider): provider.transport
        case .azure(let provider): provider.transport
        }
    }

    var providerName: String {
        switch flavor {
        case .openAI: "openai"
        case .azure: "azure-openai"
        }
    }

    var maxRequestsPerBatch: Int {
        switch flavor {
        case .openAI: 50_000
        case .azure: 100_000
        }
    }

    /// The `url` of every line and the batch's `endpoint`: `/v1/chat/completions` at OpenAI, `/chat/completions` at Azure.
    var endpointPath: String {
        switch flavor {
        case .openAI: "/v1/chat/completions"
        case .azure: "/chat/completions"
        }
    }

    /// One request line: `{"body": …, "custom_id": …, "method": "POST", "url": …}` (keys sorted).
    func line(_ item: BatchRequestItem) throws(ProviderError) -> String {
        let body: Data
        switch flavor {
        case .openAI(let provider):
            body = try JSONWire.encode(OpenAIChatWire.body(model: provider.model, request: item.request, params: provider.params, maxTokensField: provider.maxTokensField))
        case .azure(let provider):
            let model: String
            switch provider.route {
            case .deployment(let name, _): model = name
            case .v1(let name): model = name
            }
            body = try JSONWire.encode(OpenAIChatWire.body(model: model, request: item.request, params: provider.params, maxTokensField: .maxTokens))
        }
        return "{\"body\":\(String(decoding: body, as: UTF8.self)),\"custom_id\":\(BatchWire.string(item.customID)),\"method\":\"POST\",\"url\":\(BatchWire.string(endpointPath))}"
    }

    /// The credential header (never logged: `LoggingTransport` redacts it, errors pass the redactor).
    private var authHeaders: [HTTPHeader] {
        switch flavor {
        case .openAI(let provider):
            provider.apiKey.map { [HTTPHeader("Authorization", "Bearer \($0.value)")] } ?? []
        case .azure(let provider):
            switch provider.auth {
            case .apiKey(let key): [HTTPHeader("api-key", key.value)]
            case .entraToken(let token): [HTTPHeader("Authorization", "Bearer \(token.value)")]
            }
        }
    }

    /// `path` under the API: `{base}/…` at OpenAI (the base ends in `/v1`), `/openai/…?api-version=` or `/openai/v1/…` at Azure.
    func url(_ path: String) throws(ProviderError) -> URL {
        switch flavor {
        case .openAI(let provider):
            return try provider.endpoint.url(path: path)
        case .azure(let provider):
            switch provider.route {
            case .deployment(_, let apiVersion): return try provider.endpoint.url(path: "/openai" + path, query: [("api-version", apiVersion)])
            case .v1: return try provider.endpoint.url(path: "/openai/v1" + path)
            }
        }
    }

    private func send(_ method: String, _ path: String, contentType: String? = nil, body: Data = Data()) async throws(ProviderError) -> HTTPResponse {
        var headers = authHeaders
        if let contentType { headers.insert(HTTPHeader("Content-Type", contentType), at: 0) }
        return try await BatchWire.send(
            HTTPRequest(method: method, url: try url(path), headers: headers, body: body), transport: transport, provider: providerName,
            detail: OpenAIChatWire.errorDetail(from:)
        )
    }

    /// The `POST /batches` body.
    func createBody(inputFileID: String) -> Data {
        Data("{\"completion_window\":\"24h\",\"endpoint\":\(BatchWire.string(endpointPath)),\"input_file_id\":\(BatchWire.string(inputFileID))}".utf8)
    }

    func submit(_ items: [BatchRequestItem]) async throws(ProviderError) -> BatchSubmission {
        var jsonl = Data()
        for item in items { jsonl.append(Data((try line(item) + "\n").utf8)) }
        let upload = BatchWire.fileUpload(jsonl: jsonl)
        let file = try BatchWire.object(try await send("POST", "/files", contentType: upload.contentType, body: upload.body), provider: providerName)
        guard let fileID = file["id"] as? String else { throw ProviderError(.badResponse, "\(providerName): the file upload answered no id", retryable: true) }
        let created = try BatchWire.object(try await send("POST", "/batches", contentType: "application/json", body: createBody(inputFileID: fileID)), provider: providerName)
        guard let id = created["id"] as? String else { throw ProviderError(.badResponse, "\(providerName): the batch was created without an id", retryable: true) }
        return BatchSubmission(id: id, inputFileID: fileID)
    }

    func status(of batch: BatchSubmission) async throws(ProviderError) -> BatchStatus {
        let object = try BatchWire.object(try await send("GET", "/batches/\(Endpoint.encodeSegment(batch.id))"), provider: providerName)
        return Self.status(object)
    }

    /// `status`: validating, in_progress, finalizing, cancelling (running); completed, failed, expired, cancelled (ended).
    static func status(_ object: [String: Any]) -> BatchStatus {
        let state = object["status"] as? String ?? "unknown"
        let counts = object["request_counts"] as? [String: Any]
        let refs = [object["output_file_id"], object["error_file_id"]].compactMap { $0 as? String }
        let errors = ((object["errors"] as? [String: Any])?["data"] as? [[String: Any]])?.compactMap { error -> String? in
            [error["code"] as? String, error["message"] as? String].compactMap { $0 }.joined(separator: ": ")
        }
        return BatchStatus(
            providerState: state, ended: ["completed", "failed", "expired", "cancelled"].contains(state),
            total: BatchWire.int(counts?["total"]), succeeded: BatchWire.int(counts?["completed"]), failed: BatchWire.int(counts?["failed"]),
            resultRefs: refs, failure: errors.flatMap { $0.isEmpty ? nil : $0.joined(separator: "; ") }
        )
    }

    func results(of batch: BatchSubmission, status: BatchStatus) async throws(ProviderError) -> [String: BatchItemOutcome] {
        var outcomes: [String: BatchItemOutcome] = [:]
        for fileID in status.resultRefs {
            let content = try await send("GET", "/files/\(Endpoint.encodeSegment(fileID))/content")
            for line in BatchWire.lines(content.body) {
                guard let customID = line["custom_id"] as? String else { continue }
                outcomes[customID] = outcome(of: line)
            }
        }
        return outcomes
    }

    /// An output or error file line: `response.status_code` and `response.body` (mapped as the single request's
    /// response), or `error.code` (`batch_expired`, `batch_cancelled`, `request_timeout`: resubmitted).
    func outcome(of line: [String: Any]) -> BatchItemOutcome {
        if let response = line["response"] as? [String: Any], let status = BatchWire.int(response["status_code"]) {
            let http = HTTPResponse(status: status, body: BatchWire.data(response["body"]))
            return BatchWire.outcome { () throws(ProviderError) -> CompletionResponse in
                switch flavor {
                case .openAI(let provider): try provider.completion(from: http)
                case .azure(let provider): try provider.completion(from: http)
                }
            }
        }
        let error = line["error"] as? [String: Any]
        let code = error?["code"] as? String ?? "no_response"
        let message = error?["message"] as? String ?? "the batch gave no response for this request"
        return .retry("\(providerName) batch \(code): \(HTTPErrorClassifier.oneLine(message))")
    }
}

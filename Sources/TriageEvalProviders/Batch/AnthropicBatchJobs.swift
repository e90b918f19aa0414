internal import Foundation

/// Anthropic Message Batches: `POST /v1/messages/batches` with `requests: [{custom_id, params}]` (params = the
/// Messages body the live provider sends alone), `GET /v1/messages/batches/{id}` (`processing_status`,
/// `request_counts`), then the `results_url` JSONL, one `{custom_id, result: {type, …}}` per request.
struct AnthropicBatchJobs: BatchJobProvider {
    let provider: AnthropicProvider

    var maxRequestsPerBatch: Int { 100_000 }

    private var headers: [HTTPHeader] {
        [HTTPHeader("x-api-key", provider.apiKey.value), HTTPHeader("anthropic-version", AnthropicProvider.apiVersion)]
    }

    /// The create body: `{"requests":[{"custom_id":…,"params":…}]}`.
    func createBody(_ items: [BatchRequestItem]) throws(ProviderError) -> Data {
        var text = "{\"requests\":["
        for (index, item) in items.enumerated() {
            let params = try provider.httpRequest(for: item.request).body
            text += (index > 0 ? "," : "") + "{\"custom_id\":\(BatchWire.string(item.customID)),\"params\":\(String(decoding: params, as: UTF8.self))}"
        }
        return Data((text + "]}").utf8)
    }

    private func send(_ method: String, _ url: URL, body: Data = Data()) async throws(ProviderError) -> HTTPResponse {
        let headers = body.isEmpty ? headers : [HTTPHeader("Content-Type", "application/json")] + headers
        return try await BatchWire.send(
            HTTPRequest(method: method, url: url, headers: headers, body: body), transport: provider.transport, provider: "anthropic",
            detail: AnthropicProvider.errorDetail(from:)
        )
    }

    func submit(_ items: [BatchRequestItem]) async throws(ProviderError) -> BatchSubmission {
        let created = try BatchWire.object(try await send("POST", try provider.endpoint.url(path: "/v1/messages/batches"), body: try createBody(items)), provider: "anthropic")
        guard let id = created["id"] as? String else { throw ProviderError(.badResponse, "anthropic: the batch was created without an id", retryable: true) }
        return BatchSubmission(id: id)
    }

    func status(of batch: BatchSubmission) async throws(ProviderError) -> BatchStatus {
        let url = try provider.endpoint.url(path: "/v1/messages/batches/\(Endpoint.encodeSegment(batch.id))")
        return Self.status(try BatchWire.object(try await send("GET", url), provider: "anthropic"))
    }

    /// `processing_status`: in_progress, canceling, ended; counts processing/succeeded/errored/canceled/expired.
    static func status(_ object: [String: Any]) -> BatchStatus {
        let state = object["processing_status"] as? String ?? "unknown"
        let counts = object["request_counts"] as? [String: Any] ?? [:]
        let number = { (key: String) in BatchWire.int(counts[key]) ?? 0 }
        let failed = number("errored") + number("canceled") + number("expired")
        return BatchStatus(
            providerState: state, ended: state == "ended", total: number("processing") + number("succeeded") + failed,
            succeeded: number("succeeded"), failed: failed, resultRefs: [object["results_url"] as? String].compactMap { $0 }
        )
    }

    func results(of batch: BatchSubmission, status: BatchStatus) async throws(ProviderError) -> [String: BatchItemOutcome] {
        var outcomes: [String: BatchItemOutcome] = [:]
        for reference in status.resultRefs {
            guard let url = URL(string: reference) else { throw ProviderError(.badResponse, "anthropic: results_url is not a URL") }
            for line in BatchWire.lines(try await send("GET", url).body) {
                guard let customID = line["custom_id"] as? String else { continue }
                outcomes[customID] = outcome(of: line["result"] as? [String: Any] ?? [:])
            }
        }
        return outcomes
    }

    /// `succeeded` → the message mapped as the single request's response; `errored` → the error (an invalid
    /// request is final, others are resubmitted); `canceled`, `expired` → resubmitted.
    func outcome(of result: [String: Any]) -> BatchItemOutcome {
        switch result["type"] as? String {
        case "succeeded":
            let http = HTTPResponse(status: 200, body: BatchWire.data(result["message"]))
            return BatchWire.outcome { () throws(ProviderError) -> CompletionResponse in try provider.completion(from: http) }
        case "errored":
            let error = result["error"] as? [String: Any]
            let inner = error?["error"] as? [String: Any] ?? error ?? [:]
            let type = inner["type"] as? String ?? "error"
            let message = "anthropic batch \(type): \(HTTPErrorClassifier.oneLine(inner["message"] as? String ?? ""))"
            return type == "invalid_request_error" ? .failed(ProviderError(.badRequest, message)) : .retry(message)
        case let type:
            return .retry("anthropic batch request \(type ?? "without a result")")
        }
    }
}

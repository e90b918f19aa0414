internal import Foundation

/// Gemini batch mode with inline requests: `POST /v1beta/models/{model}:batchGenerateContent` with
/// `batch.input_config.requests.requests: [{request, metadata: {key}}]` (request = the generateContent body the
/// live provider sends alone), then `GET /v1beta/batches/{id}` until the operation is `done`; the answers come
/// inline in `response.inlinedResponses.inlinedResponses`, in request order, each with its `metadata.key`.
struct GeminiBatchJobs: BatchJobProvider {
    let provider: GeminiProvider

    /// Inline batches must stay under 20 MB in all; triage prompts are a few KB each.
    var maxRequestsPerBatch: Int { 1_000 }

    private var headers: [HTTPHeader] { [HTTPHeader("x-goog-api-key", provider.apiKey.value)] }

    /// The create body.
    func createBody(_ items: [BatchRequestItem]) throws(ProviderError) -> Data {
        var text = "{\"batch\":{\"display_name\":\"triage-eval\",\"input_config\":{\"requests\":{\"requests\":["
        for (index, item) in items.enumerated() {
            let request = try JSONWire.encode(GeminiWire.body(request: item.request, params: provider.params))
            text += (index > 0 ? "," : "") + "{\"metadata\":{\"key\":\(BatchWire.string(item.customID))},\"request\":\(String(decoding: request, as: UTF8.self))}"
        }
        return Data((text + "]}}}}").utf8)
    }

    private func send(_ method: String, _ url: URL, body: Data = Data()) async throws(ProviderError) -> HTTPResponse {
        let headers = body.isEmpty ? headers : [HTTPHeader("Content-Type", "application/json")] + headers
        return try await BatchWire.send(
            HTTPRequest(method: method, url: url, headers: headers, body: body), transport: provider.transport, provider: "gemini",
            detail: GeminiWire.errorDetail(from:)
        )
    }

    func submit(_ items: [BatchRequestItem]) async throws(ProviderError) -> BatchSubmission {
        let url = try provider.endpoint.url(path: "/v1beta/models/\(Endpoint.encodeSegment(provider.model)):batchGenerateContent")
        let operation = try BatchWire.object(try await send("POST", url, body: try createBody(items)), provider: "gemini")
        guard let name = operation["name"] as? String, name.hasPrefix("batches/") else {
            throw ProviderError(.badResponse, "gemini: the batch operation has no batches/… name", retryable: true)
        }
        return BatchSubmission(id: name)
    }

    func status(of batch: BatchSubmission) async throws(ProviderError) -> BatchStatus {
        let path = "/v1beta/" + batch.id.split(separator: "/").map { Endpoint.encodeSegment(String($0)) }.joined(separator: "/")
        return status(try BatchWire.object(try await send("GET", try provider.endpoint.url(path: path)), provider: "gemini"))
    }

    /// `metadata.state` (`BATCH_STATE_PENDING`/`RUNNING`/`SUCCEEDED`/`FAILED`/`CANCELLED`/`EXPIRED`; the guide
    /// spells them `JOB_STATE_…`), `metadata.batchStats`, `done`, and the inline responses once done.
    func status(_ operation: [String: Any]) -> BatchStatus {
        let metadata = operation["metadata"] as? [String: Any] ?? [:]
        let state = metadata["state"] as? String ?? "unknown"
        let stats = metadata["batchStats"] as? [String: Any] ?? [:]
        let done = operation["done"] as? Bool ?? false
        let terminal = ["SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"].contains { state.hasSuffix("_" + $0) }
        let failure = (operation["error"] as? [String: Any])?["message"] as? String
        var status = BatchStatus(
            providerState: state, ended: done || terminal, total: BatchWire.int(stats["requestCount"]),
            succeeded: BatchWire.int(stats["successfulRequestCount"]), failed: BatchWire.int(stats["failedRequestCount"]), failure: failure
        )
        if status.ended {
            let output = operation["response"] as? [String: Any] ?? metadata["output"] as? [String: Any]
            let responses = (output?["inlinedResponses"] as? [String: Any])?["inlinedResponses"] as? [[String: Any]] ?? []
            var outcomes: [String: BatchItemOutcome] = [:]
            for (index, entry) in responses.enumerated() {
                let key = (entry["metadata"] as? [String: Any])?["key"] as? String ?? "#\(index)"
                outcomes[key] = outcome(of: entry)
            }
            status.inline = outcomes
        }
        return status
    }

    /// The inline responses the final poll carried (keys are the custom ids; `#N` = the N-th request when
    /// the provider echoed no key).
    func results(of batch: BatchSubmission, status: BatchStatus) async throws(ProviderError) -> [String: BatchItemOutcome] {
        status.inline ?? [:]
    }

    /// `response` → mapped as the single request's response; `error` (a google.rpc.Status) → final for 400/403/404,
    /// resubmitted otherwise.
    func outcome(of entry: [String: Any]) -> BatchItemOutcome {
        if let response = entry["response"] {
            let http = HTTPResponse(status: 200, body: BatchWire.data(response))
            return BatchWire.outcome { () throws(ProviderError) -> CompletionResponse in try provider.completion(from: http) }
        }
        let error = entry["error"] as? [String: Any] ?? [:]
        let code = BatchWire.int(error["code"]) ?? 0
        let message = "gemini batch \(error["status"] as? String ?? String(code)): \(HTTPErrorClassifier.oneLine(error["message"] as? String ?? ""))"
        return [400, 403, 404].contains(code) ? .failed(ProviderError(.badRequest, message)) : .retry(message)
    }
}

internal import Foundation

/// Shared pieces of the batch wire formats: JSONL lines around request bodies, the multipart file upload,
/// sending through the model's transport, and reading loose JSON.
enum BatchWire {
    /// A JSON string literal (escaped as JSONEncoder escapes it).
    static func string(_ value: String) -> String {
        let data = (try? JSONEncoder().encode(value)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `multipart/form-data` with `purpose=batch` and the JSONL as the `file` part (`POST /v1/files`).
    static func fileUpload(jsonl: Data, boundary: String = "triage-eval-\(UInt64.random(in: 0...UInt64.max))") -> (contentType: String, body: Data) {
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n".utf8))
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"batch.jsonl\"\r\n".utf8))
        body.append(Data("Content-Type: application/jsonl\r\n\r\n".utf8))
        body.append(jsonl)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    /// Sends `request`; a non-2xx answer is classified in the provider's error format.
    static func send(
        _ request: HTTPRequest, transport: any HTTPTransport, provider: String, detail: (HTTPResponse) -> APIErrorDetail?
    ) async throws(ProviderError) -> HTTPResponse {
        let response = try await transport.send(request)
        guard response.isSuccess else { throw HTTPErrorClassifier.classify(provider: provider, response: response, detail: detail(response)) }
        return response
    }

    /// A 2xx body as a JSON object, or a retryable bad response.
    static func object(_ response: HTTPResponse, provider: String) throws(ProviderError) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
            let start = HTTPErrorClassifier.oneLine(String(decoding: response.body.prefix(200), as: UTF8.self))
            throw ProviderError(.badResponse, "\(provider) \(response.status): unexpected batch response: \"\(start)\"", retryable: true)
        }
        return object
    }

    /// Each non-empty line of a JSONL body as a JSON object (a line that is not one is skipped: its item
    /// stays without a result and is resubmitted).
    static func lines(_ data: Data) -> [[String: Any]] {
        data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
        }
    }

    /// A nested JSON value as bytes, for the single-request mapping of each provider.
    static func data(_ value: Any?) -> Data {
        guard let value, JSONSerialization.isValidJSONObject(value) else { return Data("null".utf8) }
        return (try? JSONSerialization.data(withJSONObject: value)) ?? Data("null".utf8)
    }

    static func int(_ value: Any?) -> Int? {
        if let number = value as? Int { return number }
        if let number = value as? Double { return Int(number) }
        if let text = value as? String { return Int(text) }
        return nil
    }

    /// One outcome from a single-request mapping: an answer, or its error (retried when retryable).
    static func outcome(_ map: () throws(ProviderError) -> CompletionResponse) -> BatchItemOutcome {
        do {
            return .answered(try map())
        } catch {
            return error.retryable ? .retry(error.description) : .failed(error)
        }
    }
}

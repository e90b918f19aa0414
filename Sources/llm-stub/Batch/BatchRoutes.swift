internal import Foundation
internal import Hummingbird

/// The providers' batch APIs, answering each request of a batch as the provider's normal route answers it alone
/// (same prompt reading, same answer source, same success and error bodies), with `--batch-delay-ms`,
/// `--batch-expire`, `--batch-error-every` and `--batch-invalid-every`:
///
/// - OpenAI: `POST /v1/files` (multipart, `purpose=batch`), `POST /v1/batches`, `GET /v1/batches/{id}`,
///   `GET /v1/files/{id}/content`; Azure OpenAI the same under `/openai/…` and `/openai/v1/…`.
/// - Anthropic: `POST /v1/messages/batches`, `GET /v1/messages/batches/{id}`, `GET …/{id}/results`.
/// - Gemini: `POST /v1beta/models/{model}:batchGenerateContent`, `GET /v1beta/batches/{id}`.
struct BatchRoutes: Sendable {
    let configuration: StubConfiguration
    let store = StubBatchStore()

    /// Whether `path` is one of the batch routes (checked before the body is read).
    static func matches(_ path: String) -> Bool {
        let prefixes = ["/v1/files", "/v1/batches", "/openai/files", "/openai/batches", "/openai/v1/files", "/openai/v1/batches", "/v1/messages/batches", "/v1beta/batches/"]
        return prefixes.contains { path.hasPrefix($0) } || path.hasSuffix(":batchGenerateContent")
    }

    /// The response for a batch route, or nil when `path` is none.
    func respond(method: HTTPRequest.Method, path: String, host: String, body: Data) -> Response? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.starts(with: ["v1", "messages", "batches"]) {
            let anthropic = AnthropicBatchAPI(routes: self)
            switch (method, segments.count) {
            case (.post, 3): return anthropic.create(body: body)
            case (.get, 4): return anthropic.retrieve(segments[3], host: host)
            case (.get, 5) where segments[4] == "results": return anthropic.results(segments[3])
            default: return nil
            }
        }
        if segments.first == "v1beta" {
            if method == .post, segments.count == 3, segments[1] == "models", segments[2].hasSuffix(":batchGenerateContent") {
                return GeminiBatchAPI(routes: self).create(model: String(segments[2].dropLast(":batchGenerateContent".count)), body: body)
            }
            if method == .get, segments.count == 3, segments[1] == "batches" { return GeminiBatchAPI(routes: self).retrieve("batches/\(segments[2])") }
            return nil
        }
        // OpenAI under /v1, Azure under /openai (api-version) or /openai/v1.
        let azure = segments.first == "openai"
        let rest = Array(segments.dropFirst(segments.starts(with: ["openai", "v1"]) ? 2 : 1))
        guard azure || segments.first == "v1" else { return nil }
        let api = OpenAIBatchAPI(routes: self, azure: azure)
        switch (method, rest.count, rest.first) {
        case (.post, 1, "files"): return api.upload(body: body)
        case (.post, 1, "batches"): return api.create(body: body)
        case (.get, 2, "batches"): return api.retrieve(rest[1])
        case (.get, 3, "files") where rest[2] == "content": return api.content(rest[1])
        default: return nil
        }
    }

    /// The fate of the request at `position` of a batch of `count`, the `sequence`-th batch created.
    func fate(_ body: [String: Any], format: any WireFormat, pathModel: String?, position: Int, count: Int, sequence: Int) -> StubBatch.Fate {
        let settings = configuration.batch
        if sequence <= settings.expireFirst, position >= count / 2 { return .expired }
        if settings.invalidEvery > 0, (position + 1) % settings.invalidEvery == 0 {
            return .failed(.badRequest("llm-stub: request \(position) refused (--batch-invalid-every)"))
        }
        if settings.errorEvery > 0, (position + 1) % settings.errorEvery == 0 { return .failed(.serverError) }
        do throws(StubFailure) {
            let request = try format.parse(body, pathModel: pathModel)
            var answers: [String] = []
            for prompt in request.prompts {
                guard let answer = configuration.answers.answer(for: prompt, in: request) else {
                    return .failed(.notFound("no recorded answer: no known case id occurs in the prompt"))
                }
                answers.append(answer)
            }
            return .answered(format.success(answers, for: request))
        } catch {
            return .failed(error)
        }
    }

    /// Whether the provider is done with `batch`: its delay passed, or `POST /batches/end` ended every batch.
    func ended(_ batch: StubBatch) -> Bool { store.endedAll || batch.ended(at: Date()) }

    /// When a batch created now ends.
    var endsAt: Date { Date().addingTimeInterval(Double(configuration.batch.delayMilliseconds) / 1000) }

    static func json(_ value: JSONOut, status: Int = 200) -> Response {
        ModelRouteHandler.response(status: status, body: ByteBuffer(string: value.text))
    }

    static func jsonl(_ lines: [JSONOut]) -> Response {
        ModelRouteHandler.response(status: 200, body: ByteBuffer(string: lines.map { $0.text + "\n" }.joined()))
    }

    static func object(_ body: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }
}

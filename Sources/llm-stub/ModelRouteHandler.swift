internal import Foundation
internal import Hummingbird
internal import HTTPTypes

/// Answers one model-route request: records it, applies `--reply-*`, latency and faults, then reads
/// the prompt in the route's wire format and answers it in that format, counting the status sent.
struct ModelRouteHandler: Sendable {
    /// Request bodies above this size are refused (413) before anything else.
    static let maxBodyBytes = 32 * 1024 * 1024

    let configuration: StubConfiguration
    let faults: FaultInjector
    let stats: StubStats
    let log: RequestLog
    let hold: RequestHold

    func respond(to request: Request, route: ModelRoute) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBodyBytes)
        let recorded = Self.recording(of: request, body: body)
        log.record(recorded)
        try await hold.admit()
        if configuration.echoAuth {
            try await sleep(milliseconds: configuration.latencyMilliseconds)
            return failureResponse(.unauthorized("Incorrect API key provided: \(recorded.credentials)"), route: route)
        }

        if let reply = configuration.fixedReply {
            try await sleep(milliseconds: configuration.latencyMilliseconds)
            stats.count(String(reply.status))
            return Self.response(status: reply.status, body: reply.body, headers: reply.headers)
        }

        let decision = faults.next()
        try await sleep(milliseconds: configuration.latencyMilliseconds)
        switch decision.fault {
        case .drop?:
            stats.count("drop")
            return Self.droppedConnection()
        case .timeout?:
            try await sleep(milliseconds: configuration.timeoutMilliseconds)
        case let fault?:
            if let failure = StubFailure(fault) {
                return failureResponse(failure, route: route, extraHeaders: decision.retryAfter.map { [("retry-after", $0)] } ?? [])
            }
        case nil:
            break
        }

        let modelRequest: ModelRequest
        var answers: [String] = []
        do {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] else {
                throw StubFailure.badRequest("request body is not a JSON object")
            }
            modelRequest = try route.format.parse(object, pathModel: route.pathModel)
            if configuration.requireSchema, !modelRequest.structured {
                throw StubFailure.badRequest("llm-stub --require-schema: the request carries no JSON schema in its provider's structured-output shape")
            }
            for prompt in modelRequest.prompts {
                guard let answer = configuration.answers.answer(for: prompt, in: modelRequest) else {
                    throw StubFailure.notFound("no recorded answer: no known case id occurs in the prompt")
                }
                answers.append(decision.fault == .empty ? "" : answer)
            }
        } catch let failure as StubFailure {
            return failureResponse(failure, route: route)
        }

        var text = route.format.success(answers, for: modelRequest).text
        if decision.fault == .garbage {
            text = String(decoding: text.utf8.prefix(text.utf8.count / 2), as: UTF8.self)
        }
        stats.count("200")
        return Self.response(status: 200, body: ByteBuffer(string: text))
    }

    private func failureResponse(_ failure: StubFailure, route: ModelRoute, extraHeaders: [(String, String)] = []) -> Response {
        let (body, headers) = route.format.failure(failure)
        stats.count(String(failure.status))
        return Self.response(status: failure.status, body: ByteBuffer(string: body.text), headers: headers + extraHeaders)
    }

    private func sleep(milliseconds: Int) async throws {
        if milliseconds > 0 { try await Task.sleep(for: .milliseconds(milliseconds)) }
    }

    /// A JSON response written in one piece (head and body in a single write).
    static func response(status: Int, body: ByteBuffer, headers: [(String, String)] = []) -> Response {
        var fields: HTTPFields = [.contentType: "application/json"]
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return Response(status: HTTPResponse.Status(code: status), headers: fields, body: ResponseBody(byteBuffer: body))
    }

    /// Announces a 200 with a body, sends half of it, then fails the write so the server closes the
    /// connection: the client sees a truncated transfer, i.e. a transport error.
    static func droppedConnection() -> Response {
        let announced = 64
        let partial = ByteBuffer(string: String(repeating: " ", count: announced / 2))
        let body = ResponseBody(contentLength: announced) { writer in
            try await writer.write(partial)
            throw DroppedConnection()
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// Thrown mid-response to make the server close the connection.
    struct DroppedConnection: Error {}

    /// The request as `GET /requests` shows it: lowercased header names, repeats joined with `, `.
    static func recording(of request: Request, body: ByteBuffer) -> RecordedRequest {
        var headers: [(String, String)] = []
        var positions: [String: Int] = [:]
        if let authority = request.head.authority { headers.append(("host", authority)); positions["host"] = 0 }
        for field in request.headers {
            let name = field.name.canonicalName
            if let position = positions[name] {
                headers[position].1 += ", " + field.value
            } else {
                positions[name] = headers.count
                headers.append((name, field.value))
            }
        }
        return RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: headers, body: String(decoding: body.readableBytesView, as: UTF8.self)
        )
    }
}

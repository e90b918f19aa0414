internal import Foundation
internal import Hummingbird

/// Dispatches every request: the model routes (see ``ModelRoute``), and the inspection endpoints
/// `GET /stats`, `GET /requests`, `POST /reset`, `POST /release` (answers requests `--hold-after` holds) and
/// `POST /batches/end` (ends every batch now).
struct StubResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let handler: ModelRouteHandler
    let batches: BatchRoutes

    init(configuration: StubConfiguration) {
        batches = BatchRoutes(configuration: configuration)
        handler = ModelRouteHandler(
            configuration: configuration,
            faults: FaultInjector(
                rate: configuration.faultRate, faults: configuration.faults, seed: configuration.seed,
                retryAfter: configuration.retryAfter
            ),
            stats: StubStats(),
            log: RequestLog(),
            hold: RequestHold(after: configuration.holdAfter)
        )
    }

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let path = request.uri.path
        switch (request.method, path) {
        case (.get, "/stats"):
            return Self.json(handler.stats.json)
        case (.get, "/requests"):
            return Self.json(handler.log.json)
        case (.post, "/batches/end"):
            batches.store.endAll()
            return Self.json(.object([("ended", .bool(true))]))
        case (.post, "/release"):
            handler.hold.release()
            return Self.json(.object([("released", .bool(true))]))
        case (.post, "/reset"):
            handler.stats.reset()
            handler.log.reset()
            return Self.json(.object([("reset", .bool(true))]))
        default:
            if request.method == .post, BulkRoute.matches(path) {
                var request = request
                let body = try await request.collectBody(upTo: ModelRouteHandler.maxBodyBytes)
                handler.log.record(ModelRouteHandler.recording(of: request, body: body))
                let reply = BulkRoute.respond(body: Data(body.readableBytesView))
                return ModelRouteHandler.response(status: reply.status, body: ByteBuffer(string: reply.json.text))
            }
            if BatchRoutes.matches(path) {
                var request = request
                let body = try await request.collectBody(upTo: ModelRouteHandler.maxBodyBytes)
                handler.log.record(ModelRouteHandler.recording(of: request, body: body))
                if let response = batches.respond(
                    method: request.method, path: path, host: request.head.authority ?? "127.0.0.1", body: Data(body.readableBytesView)
                ) {
                    return response
                }
            }
            if request.method == .post, let route = ModelRoute(path: path) {
                return try await handler.respond(to: request, route: route)
            }
            return ModelRouteHandler.response(
                status: 404, body: ByteBuffer(string: JSONOut.object([("error", .string("no route for \(request.method) \(path)"))]).text)
            )
        }
    }

    private static func json(_ value: JSONOut) -> Response {
        ModelRouteHandler.response(status: 200, body: ByteBuffer(string: value.text))
    }
}

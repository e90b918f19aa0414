internal import Foundation
internal import Hummingbird

/// Anthropic Message Batches: create, retrieve (with `results_url` once ended), results JSONL.
struct AnthropicBatchAPI {
    let routes: BatchRoutes

    var format: any WireFormat { ModelRoute.anthropic }

    func error(_ failure: StubFailure) -> Response {
        BatchRoutes.json(format.failure(failure).body, status: failure.status)
    }

    func create(body: Data) -> Response {
        guard let json = BatchRoutes.object(body), let requests = json["requests"] as? [[String: Any]], !requests.isEmpty else {
            return error(.badRequest("requests: at least one request is required"))
        }
        let sequence = routes.store.nextSequence()
        var seen = Set<String>()
        var accepted: [StubBatch.Request] = []
        for (index, request) in requests.enumerated() {
            guard let customID = request["custom_id"] as? String, Self.isValidCustomID(customID) else {
                return error(.badRequest("requests.\(index).custom_id: must match ^[a-zA-Z0-9_-]{1,64}$"))
            }
            guard seen.insert(customID).inserted else { return error(.badRequest("requests.\(index).custom_id: duplicate custom_id \(customID)")) }
            guard let params = request["params"] as? [String: Any], params["max_tokens"] != nil, params["model"] is String else {
                return error(.badRequest("requests.\(index).params: model and max_tokens are required"))
            }
            accepted.append(StubBatch.Request(
                customID: customID, fate: routes.fate(params, format: format, pathModel: nil, position: index, count: requests.count, sequence: sequence)
            ))
        }
        let batch = StubBatch(
            id: routes.store.newID("msgbatch_stub"), created: Date(), endsAt: routes.endsAt, validationErrors: [], requests: accepted,
            inputFileID: nil, endpoint: "/v1/messages", model: ""
        )
        routes.store.add(batch)
        return BatchRoutes.json(object(of: batch, ended: false, host: nil))
    }

    static func isValidCustomID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    func retrieve(_ id: String, host: String) -> Response {
        guard let batch = routes.store.batch(id) else { return error(.notFound("message batch \(id) not found")) }
        return BatchRoutes.json(object(of: batch, ended: routes.ended(batch), host: host))
    }

    func results(_ id: String) -> Response {
        guard let batch = routes.store.batch(id), routes.ended(batch) else { return error(.notFound("results for \(id) are not available")) }
        return BatchRoutes.jsonl(batch.requests.map { request in
            let result: JSONOut = switch request.fate {
            case .answered(let message): .object([("type", .string("succeeded")), ("message", message)])
            case .failed(let failure): .object([("type", .string("errored")), ("error", format.failure(failure).body)])
            case .expired: .object([("type", .string("expired"))])
            }
            return .object([("custom_id", .string(request.customID)), ("result", result)])
        })
    }

    func object(of batch: StubBatch, ended: Bool, host: String?) -> JSONOut {
        let count = { (wanted: String) in
            batch.requests.count { request in
                switch request.fate {
                case .answered: wanted == "succeeded"
                case .failed: wanted == "errored"
                case .expired: wanted == "expired"
                }
            }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return .object([
            ("id", .string(batch.id)), ("type", .string("message_batch")), ("processing_status", .string(ended ? "ended" : "in_progress")),
            ("request_counts", .object([
                ("processing", .int(ended ? 0 : batch.requests.count)), ("succeeded", .int(ended ? count("succeeded") : 0)),
                ("errored", .int(ended ? count("errored") : 0)), ("canceled", .int(0)), ("expired", .int(ended ? count("expired") : 0)),
            ])),
            ("ended_at", ended ? .string(formatter.string(from: Date())) : .null),
            ("created_at", .string(formatter.string(from: batch.created))),
            ("expires_at", .string(formatter.string(from: batch.created.addingTimeInterval(86_400)))),
            ("archived_at", .null), ("cancel_initiated_at", .null),
            ("results_url", ended && host != nil ? .string("http://\(host ?? "")/v1/messages/batches/\(batch.id)/results") : .null),
        ])
    }
}

internal import Foundation
internal import Hummingbird

/// Gemini batch mode with inline requests: the create call answers an operation named `batches/…`, polled until
/// `done`, whose `response.inlinedResponses.inlinedResponses` carry each answer (or error) with its `metadata`.
struct GeminiBatchAPI {
    let routes: BatchRoutes

    var format: any WireFormat { ModelRoute.gemini }

    func error(_ failure: StubFailure) -> Response {
        BatchRoutes.json(format.failure(failure).body, status: failure.status)
    }

    func create(model: String, body: Data) -> Response {
        guard let object = BatchRoutes.object(body), let batch = object["batch"] as? [String: Any] else {
            return error(.badRequest("Invalid JSON payload: 'batch' is required"))
        }
        guard let input = batch["input_config"] as? [String: Any] ?? batch["inputConfig"] as? [String: Any],
              let requests = (input["requests"] as? [String: Any])?["requests"] as? [[String: Any]], !requests.isEmpty
        else { return error(.badRequest("* BatchGenerateContentRequest.batch.input_config: inline requests are required")) }
        let sequence = routes.store.nextSequence()
        var accepted: [StubBatch.Request] = []
        for (index, entry) in requests.enumerated() {
            guard let request = entry["request"] as? [String: Any] else { return error(.badRequest("requests[\(index)].request is required")) }
            let key = (entry["metadata"] as? [String: Any])?["key"] as? String ?? ""
            accepted.append(StubBatch.Request(
                customID: key, fate: routes.fate(request, format: format, pathModel: model, position: index, count: requests.count, sequence: sequence)
            ))
        }
        let stored = StubBatch(
            id: routes.store.newID("batches/stub"), created: Date(), endsAt: routes.endsAt, validationErrors: [], requests: accepted,
            inputFileID: nil, endpoint: "generateContent", model: model
        )
        routes.store.add(stored)
        return BatchRoutes.json(operation(of: stored, done: false))
    }

    func retrieve(_ name: String) -> Response {
        guard let batch = routes.store.batch(name) else { return error(.notFound("Requested entity was not found.")) }
        return BatchRoutes.json(operation(of: batch, done: routes.ended(batch)))
    }

    /// The long-running operation: metadata (a `GenerateContentBatch`), `done`, and once done the inline output
    /// (an expired batch has none, as the API documents).
    func operation(of batch: StubBatch, done: Bool) -> JSONOut {
        let state = !done ? "BATCH_STATE_RUNNING" : batch.expired ? "BATCH_STATE_EXPIRED" : "BATCH_STATE_SUCCEEDED"
        let delivered = done && !batch.expired
        let stats = JSONOut.object([
            ("requestCount", .string(String(batch.requests.count))),
            ("successfulRequestCount", .string(String(delivered ? batch.answered : 0))),
            ("failedRequestCount", .string(String(delivered ? batch.failed : 0))),
            ("pendingRequestCount", .string(String(done ? 0 : batch.requests.count))),
        ])
        var fields: [(String, JSONOut)] = [
            ("name", .string(batch.id)),
            ("metadata", .object([
                ("@type", .string("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch")),
                ("model", .string("models/\(batch.model)")), ("displayName", .string("triage-eval")), ("name", .string(batch.id)),
                ("batchStats", stats), ("state", .string(state)),
            ])),
            ("done", .bool(done)),
        ]
        if delivered {
            let responses = batch.requests.map { request -> JSONOut in
                let metadata = JSONOut.object([("key", .string(request.customID))])
                switch request.fate {
                case .answered(let response):
                    return .object([("response", response), ("metadata", metadata)])
                case .failed(let failure):
                    let body = format.failure(failure).body
                    let inner: JSONOut = if case .object(let members) = body, let error = members.first(where: { $0.0 == "error" })?.1 { error } else { body }
                    return .object([("error", inner), ("metadata", metadata)])
                case .expired:
                    return .object([("error", .object([("code", .int(504)), ("message", .string("expired")), ("status", .string("DEADLINE_EXCEEDED"))])), ("metadata", metadata)])
                }
            }
            fields.append(("response", .object([
                ("@type", .string("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput")),
                ("inlinedResponses", .object([("inlinedResponses", .array(responses))])),
            ])))
        }
        return .object(fields)
    }
}

internal import Foundation
internal import Hummingbird

/// OpenAI Batch and Azure OpenAI global batch: files, batches, output and error files.
struct OpenAIBatchAPI {
    let routes: BatchRoutes
    let azure: Bool

    var format: any WireFormat { azure ? ModelRoute.azure : ModelRoute.openAI }
    /// The one endpoint every line and the batch name: OpenAI's `/v1/chat/completions`, Azure's `/chat/completions`.
    var endpoint: String { azure ? "/chat/completions" : "/v1/chat/completions" }

    func error(_ status: Int, _ message: String) -> Response {
        let (body, _) = format.failure(status == 404 ? .notFound(message) : .badRequest(message))
        return BatchRoutes.json(body, status: status)
    }

    /// `multipart/form-data` with `purpose=batch` and a `file` part.
    func upload(body: Data) -> Response {
        let parts = MultipartForm.parts(body)
        guard parts["purpose"].map({ String(decoding: $0, as: UTF8.self) }) == "batch" else {
            return error(400, "'purpose' must be 'batch' for a batch input file")
        }
        guard let file = parts["file"], !file.isEmpty else { return error(400, "'file' is required (a JSONL part)") }
        let id = routes.store.addFile(file)
        return BatchRoutes.json(.object([
            ("id", .string(id)), ("object", .string("file")), ("bytes", .int(file.count)), ("created_at", .int(BatchRoutes.now)),
            ("filename", .string("batch.jsonl")), ("purpose", .string("batch")), ("status", .string("processed")),
        ]))
    }

    func create(body: Data) -> Response {
        guard let json = BatchRoutes.object(body) else { return error(400, "the body is not a JSON object") }
        guard let fileID = json["input_file_id"] as? String else { return error(400, "'input_file_id' is required") }
        guard json["endpoint"] as? String == endpoint else { return error(400, "'endpoint' must be '\(endpoint)' here") }
        guard json["completion_window"] as? String == "24h" else { return error(400, "'completion_window' must be '24h'") }
        guard let file = routes.store.file(fileID) else { return error(404, "No such File object: \(fileID)") }
        let lines = file.split(separator: UInt8(ascii: "\n"))
        let sequence = routes.store.nextSequence()
        var requests: [StubBatch.Request] = []
        var problems: [String] = []
        var seen = Set<String>()
        var model = ""
        for (index, raw) in lines.enumerated() {
            guard let line = BatchRoutes.object(Data(raw)), let customID = line["custom_id"] as? String, let body = line["body"] as? [String: Any] else {
                problems.append("line \(index + 1): needs custom_id and body")
                continue
            }
            guard line["method"] as? String == "POST", line["url"] as? String == endpoint else {
                problems.append("line \(index + 1): method must be POST and url '\(endpoint)'")
                continue
            }
            guard seen.insert(customID).inserted else {
                problems.append("line \(index + 1): duplicate custom_id \(customID)")
                continue
            }
            guard let lineModel = body["model"] as? String else {
                problems.append("line \(index + 1): body.model is required\(azure ? " (the global batch deployment name)" : "")")
                continue
            }
            if model.isEmpty { model = lineModel } else if model != lineModel { problems.append("line \(index + 1): every line must name the same model") }
            requests.append(StubBatch.Request(
                customID: customID, fate: routes.fate(body, format: format, pathModel: nil, position: index, count: lines.count, sequence: sequence)
            ))
        }
        let batch = StubBatch(
            id: routes.store.newID("batch_stub"), created: Date(), endsAt: routes.endsAt, validationErrors: problems, requests: requests,
            inputFileID: fileID, endpoint: endpoint, model: model
        )
        routes.store.add(batch)
        return BatchRoutes.json(object(of: batch, state: "validating"))
    }

    func retrieve(_ id: String) -> Response {
        guard let batch = routes.store.batch(id) else { return error(404, "No batch found with id '\(id)'.") }
        guard routes.ended(batch) else { return BatchRoutes.json(object(of: batch, state: "in_progress")) }
        let state = !batch.validationErrors.isEmpty ? "failed" : batch.expired ? "expired" : "completed"
        return BatchRoutes.json(object(of: batch, state: state))
    }

    /// The output file (`…-output`: requests answered 200) or error file (`…-errors`: failed and expired ones).
    func content(_ fileID: String) -> Response {
        if let data = routes.store.file(fileID) { return ModelRouteHandler.response(status: 200, body: ByteBuffer(bytes: data)) }
        let isOutput = fileID.hasSuffix("-output")
        guard let batch = routes.store.batch(String(fileID.dropFirst("file-".count).dropLast(isOutput ? "-output".count : "-errors".count))),
              routes.ended(batch), batch.validationErrors.isEmpty
        else { return error(404, "No such File object: \(fileID)") }
        let lines = batch.requests.compactMap { request -> JSONOut? in
            let requestID = JSONOut.string("batch_req_\(UInt64.random(in: 0...UInt64.max))")
            switch request.fate {
            case .answered(let body) where isOutput:
                return .object([
                    ("id", requestID), ("custom_id", .string(request.customID)),
                    ("response", .object([("status_code", .int(200)), ("request_id", .string("req_stub")), ("body", body)])), ("error", .null),
                ])
            case .failed(let failure) where !isOutput:
                return .object([
                    ("id", requestID), ("custom_id", .string(request.customID)),
                    ("response", .object([("status_code", .int(failure.status)), ("request_id", .string("req_stub")), ("body", format.failure(failure).body)])),
                    ("error", .null),
                ])
            case .expired where !isOutput:
                return .object([
                    ("id", requestID), ("custom_id", .string(request.customID)), ("response", .null),
                    ("error", .object([("code", .string("batch_expired")), ("message", .string("This request could not be executed before the completion window expired."))])),
                ])
            default:
                return nil
            }
        }
        return BatchRoutes.jsonl(lines)
    }

    /// The batch object in `state`.
    func object(of batch: StubBatch, state: String) -> JSONOut {
        let ended = ["completed", "expired", "failed"].contains(state)
        let created = Int(batch.created.timeIntervalSince1970)
        let endedAt = ended ? JSONOut.int(BatchRoutes.now) : .null
        let errors: JSONOut = batch.validationErrors.isEmpty || !ended ? .null : .object([
            ("object", .string("list")),
            ("data", .array(batch.validationErrors.map { .object([("code", .string("invalid_request")), ("message", .string($0)), ("param", .null), ("line", .null)]) })),
        ])
        let delivered = ended && state != "failed"
        return .object([
            ("id", .string(batch.id)), ("object", .string("batch")), ("endpoint", .string(batch.endpoint)), ("model", .string(batch.model)),
            ("errors", errors), ("input_file_id", .string(batch.inputFileID ?? "")), ("completion_window", .string("24h")),
            ("status", .string(state)),
            ("output_file_id", delivered && batch.answered > 0 ? .string("file-\(batch.id)-output") : .null),
            ("error_file_id", delivered && batch.failed > 0 ? .string("file-\(batch.id)-errors") : .null),
            ("created_at", .int(created)), ("in_progress_at", state == "validating" ? .null : .int(created)),
            ("expires_at", .int(created + 86_400)), ("finalizing_at", state == "completed" ? endedAt : .null),
            ("completed_at", state == "completed" ? endedAt : .null), ("failed_at", state == "failed" ? endedAt : .null),
            ("expired_at", state == "expired" ? endedAt : .null), ("cancelling_at", .null), ("cancelled_at", .null),
            ("request_counts", .object([
                ("total", .int(batch.requests.count)), ("completed", .int(delivered ? batch.answered : 0)), ("failed", .int(delivered ? batch.failed : 0)),
            ])),
            ("metadata", .null),
        ])
    }
}

import Foundation
import Hummingbird

/// Elasticsearch's `_bulk` endpoint (`POST /_bulk`, `POST /<index>/_bulk`), enough for `results push`: each action
/// line and its document are acknowledged as indexed (`201`, `errors: false`); the request is logged like any
/// other, so tests read what was sent from `/requests`. A body that is not NDJSON pairs is a 400 as Elasticsearch
/// gives it (`illegal_argument_exception`).
enum BulkRoute {
    static func matches(_ path: String) -> Bool { path == "/_bulk" || (path.hasSuffix("/_bulk") && path.split(separator: "/").count == 2) }

    static func respond(body: Data) -> (status: Int, json: JSONOut) {
        let lines = String(decoding: body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        var items: [JSONOut] = []
        var index = 0
        while index < lines.count {
            guard index + 1 < lines.count,
                  let action = (try? JSONSerialization.jsonObject(with: Data(lines[index].utf8))) as? [String: Any],
                  let target = action["index"] as? [String: Any],
                  (try? JSONSerialization.jsonObject(with: Data(lines[index + 1].utf8))) is [String: Any]
            else {
                return (400, .object([("error", .object([
                    ("type", .string("illegal_argument_exception")),
                    ("reason", .string("Malformed action/metadata line [\(index + 1)]")),
                ])), ("status", .int(400))]))
            }
            items.append(.object([("index", .object([
                ("_index", .string(target["_index"] as? String ?? "")), ("_id", .string(target["_id"] as? String ?? "")),
                ("result", .string("created")), ("status", .int(201)),
            ]))]))
            index += 2
        }
        return (200, .object([("took", .int(1)), ("errors", .bool(false)), ("items", .array(items))]))
    }
}

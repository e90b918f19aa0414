import CommandSupport
internal import Foundation
internal import Hummingbird
internal import HTTPTypes

/// The one response every model-route request gets with `--reply-status/--reply-body/--reply-header`:
/// how tests serve recorded provider error fixtures.
struct FixedReply: Sendable {
    var status: Int
    var body: ByteBuffer
    /// `name: value` pairs, in the order given.
    var headers: [(String, String)]

    init(status: Int, bodyFile: String, headers: [String]) throws(UsageError) {
        guard (100...999).contains(status) else { throw UsageError("--reply-status: \(status) is not an HTTP status code") }
        guard let data = FileManager.default.contents(atPath: bodyFile) else {
            throw UsageError("--reply-body: cannot read \(bodyFile)")
        }
        var parsed: [(String, String)] = []
        for header in headers {
            guard let colon = header.firstIndex(of: ":"), !header[..<colon].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw UsageError("--reply-header: expected 'name: value', got \"\(header)\"")
            }
            let name = header[..<colon].trimmingCharacters(in: .whitespaces)
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard HTTPField.Name(name) != nil else { throw UsageError("--reply-header: invalid header name \"\(name)\"") }
            parsed.append((name, value))
        }
        self.status = status
        self.body = ByteBuffer(bytes: data)
        self.headers = parsed
    }
}

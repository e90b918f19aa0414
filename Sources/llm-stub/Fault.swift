import CommandSupport
internal import Foundation

/// A failure the stub can inject into a model-route request (`--faults`).
enum Fault: String, CaseIterable, Sendable {
    /// 429 in the provider's rate-limit format; every other one carries `retry-after`.
    case rateLimited = "429"
    /// 500 in the provider's server-error format.
    case serverError = "500"
    /// 503 in the provider's unavailable format.
    case unavailable = "503"
    /// 529 (Anthropic's "overloaded"), in the provider's overloaded format.
    case overloaded = "529"
    /// Waits `--timeout-ms`, then answers normally.
    case timeout
    /// Announces a full body, sends part of it and closes the connection.
    case drop
    /// 200 with a truncated, non-JSON body.
    case garbage
    /// 200, well-formed, with empty answer text.
    case empty

    /// Parses `--faults`: comma-separated names, e.g. `429,500,timeout`.
    static func parseList(_ text: String) throws(UsageError) -> [Fault] {
        var faults: [Fault] = []
        for name in text.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let fault = Fault(rawValue: trimmed) else {
                let known = allCases.map(\.rawValue).joined(separator: ",")
                throw UsageError("--faults: unknown fault \"\(trimmed)\" (known: \(known))")
            }
            faults.append(fault)
        }
        guard !faults.isEmpty else { throw UsageError("--faults: needs at least one fault") }
        return faults
    }
}

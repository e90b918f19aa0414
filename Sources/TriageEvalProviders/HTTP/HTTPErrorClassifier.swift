public import Foundation

/// Turns a non-2xx response into one ``ProviderError``: 408/409/429/5xx/529 retry,
/// billing quotas and 400/401/403/404/413/422 do not; `x-should-retry` overrides the status.
public enum HTTPErrorClassifier {
    /// - Parameters:
    ///   - provider: the wire format's name, first word of the message (`openai 429 rate_limit_exceeded: …`).
    ///   - detail: what the provider's error body says (nil when it could not be read).
    public static func classify(provider: String, response: HTTPResponse, detail: APIErrorDetail?, now: Date = Date()) -> ProviderError {
        let status = response.status
        let detail = detail ?? APIErrorDetail()
        var cause: ProviderError.Cause
        var retryable: Bool
        switch status {
        case 401, 403: (cause, retryable) = (.auth, false)
        case 402: (cause, retryable) = (.quota, false)
        case 404: (cause, retryable) = (.notFound, false)
        case 408: (cause, retryable) = (.timeout, true)
        case 409: (cause, retryable) = (.server, true)
        case 429: (cause, retryable) = (.rateLimited, true)
        case 500...: (cause, retryable) = (.server, true)
        default: (cause, retryable) = (.badRequest, false)
        }
        if detail.isAuth { (cause, retryable) = (.auth, false) }
        if detail.isTransient, !retryable { (cause, retryable) = (.server, true) }
        if let shouldRetry = response.header("x-should-retry")?.lowercased() {
            if shouldRetry == "true" { retryable = true } else if shouldRetry == "false" { retryable = false }
        }
        if detail.isQuota { (cause, retryable) = (.quota, false) }
        let retryAfter = retryable ? RetryHints.delay(for: response, now: now) : nil
        return ProviderError(cause, message(provider: provider, response: response, detail: detail), retryable: retryable, retryAfter: retryAfter)
    }

    /// `openai 429 rate_limit_exceeded: Rate limit reached for …`; the body's start when it has no message.
    static func message(provider: String, response: HTTPResponse, detail: APIErrorDetail) -> String {
        var head = "\(provider) \(response.status)"
        if let code = detail.code, !code.isEmpty { head += " \(code)" }
        if let text = detail.message?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            return "\(head): \(oneLine(text))"
        }
        let body = oneLine(String(decoding: response.body.prefix(300), as: UTF8.self))
        return body.isEmpty ? "\(head): \(HTTPURLStatusText.text(for: response.status))" : "\(head): \(body)"
    }

    /// Collapses newlines and runs of spaces, so an error stays one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// Short reason phrases for statuses that arrive without a body.
enum HTTPURLStatusText {
    static func text(for status: Int) -> String {
        switch status {
        case 400: "bad request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not found"
        case 408: "request timeout"
        case 409: "conflict"
        case 413: "request too large"
        case 422: "unprocessable request"
        case 429: "too many requests"
        case 500: "internal server error"
        case 502: "bad gateway"
        case 503: "service unavailable"
        case 504: "gateway timeout"
        case 529: "overloaded"
        default: "no response body"
        }
    }
}

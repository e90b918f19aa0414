import Foundation
import Testing
@testable import TriageEvalProviders

@Suite("Retry hints")
struct RetryHintsTests {
    let now = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z

    @Test("Go durations from x-ratelimit-reset-*", arguments: [
        ("6m0s", 360.0), ("12ms", 0.012), ("3.89s", 3.89), ("1h2m3.5s", 3723.5), ("250us", 0.00025), ("0", 0), ("1s", 1),
    ])
    func goDurations(_ text: String, _ seconds: Double) throws {
        let parsed = try #require(RetryHints.goDuration(text))
        #expect(abs(parsed - seconds) < 1e-9)
    }

    @Test("malformed Go durations are ignored", arguments: ["", "abc", "5", "5x", "m5s", "-1s"])
    func badGoDurations(_ text: String) {
        #expect(RetryHints.goDuration(text) == nil)
    }

    @Test("protobuf durations from Gemini's RetryInfo", arguments: [("7s", 7.0), ("2.500s", 2.5), ("0s", 0)])
    func protobufDurations(_ text: String, _ seconds: Double) {
        #expect(RetryHints.protobufDuration(text) == seconds)
    }

    @Test("retry-after as seconds or HTTP-date")
    func retryAfter() {
        #expect(RetryHints.retryAfter("2", now: now) == 2)
        #expect(RetryHints.retryAfter(" 1.5 ", now: now) == 1.5)
        #expect(RetryHints.retryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now: now) == 30)
        #expect(RetryHints.retryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now: now) == 0)
        #expect(RetryHints.retryAfter("soon", now: now) == nil)
        #expect(RetryHints.retryAfter("-3", now: now) == nil)
    }

    @Test("RFC 3339 reset instants")
    func rfc3339() {
        #expect(RetryHints.rfc3339("2025-01-01T00:00:12Z", now: now) == 12)
        #expect(RetryHints.rfc3339("2025-01-01T00:00:01.500Z", now: now) == 1.5)
        #expect(RetryHints.rfc3339("2024-12-31T00:00:00Z", now: now) == 0)
        #expect(RetryHints.rfc3339("tomorrow", now: now) == nil)
    }

    @Test("retry-after-ms wins over retry-after, which wins over reset headers")
    func order() {
        let both = HTTPResponse(status: 429, headers: ["Retry-After-Ms": "1500", "Retry-After": "9", "x-ratelimit-reset-tokens": "20s"])
        #expect(RetryHints.delay(for: both, now: now) == 1.5)
        let seconds = HTTPResponse(status: 429, headers: ["retry-after": "9", "x-ratelimit-reset-tokens": "20s"])
        #expect(RetryHints.delay(for: seconds, now: now) == 9)
        let body = Data(#"{"error":{"code":429,"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2.500s"}]}}"#.utf8)
        #expect(RetryHints.delay(for: HTTPResponse(status: 429, body: body), now: now) == 2.5)
    }

    @Test("OpenAI reset: the exhausted family's reset is used")
    func openAIReset() {
        let response = HTTPResponse(status: 429, headers: [
            "x-ratelimit-remaining-requests": "10", "x-ratelimit-reset-requests": "6m0s",
            "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "12ms",
        ])
        #expect(RetryHints.delay(for: response, now: now) == 0.012)
    }

    @Test("Anthropic reset: RFC 3339 instant of the exhausted limit")
    func anthropicReset() {
        let response = HTTPResponse(status: 429, headers: [
            "anthropic-ratelimit-requests-remaining": "40", "anthropic-ratelimit-requests-reset": "2025-01-01T00:00:01Z",
            "anthropic-ratelimit-input-tokens-remaining": "0", "anthropic-ratelimit-input-tokens-reset": "2025-01-01T00:00:04Z",
        ])
        #expect(RetryHints.delay(for: response, now: now) == 4)
    }

    @Test("reset headers are not a wait hint on a 5xx")
    func resetOnlyOn429() {
        let response = HTTPResponse(status: 503, headers: ["x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "5s"])
        #expect(RetryHints.delay(for: response, now: now) == nil)
    }
}

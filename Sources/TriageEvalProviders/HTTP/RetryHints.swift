public import Foundation

/// Reads a server's "wait this long" hints (the order is below).
public enum RetryHints {
    /// The wait in seconds a retryable error response asks for, or nil (the engine then backs off exponentially).
    ///
    /// Order: `retry-after-ms`, `retry-after` (seconds or HTTP-date), Gemini `RetryInfo.retryDelay` in the body,
    /// then on 429 only: OpenAI `x-ratelimit-reset-{requests,tokens}` and Anthropic `anthropic-ratelimit-*-reset`.
    public static func delay(for response: HTTPResponse, now: Date = Date()) -> Double? {
        if let value = response.header("retry-after-ms"), let ms = nonNegative(Double(trimmed(value))) { return ms / 1000 }
        if let value = response.header("retry-after"), let seconds = retryAfter(value, now: now) { return seconds }
        if let seconds = googleRetryDelay(in: response.body) { return seconds }
        guard response.status == 429 else { return nil }
        if let seconds = limitReset(response, prefix: "x-ratelimit-", families: ["requests", "tokens"], parse: { goDuration($0) }) {
            return seconds
        }
        let anthropicFamilies = ["requests", "tokens", "input-tokens", "output-tokens"]
        return limitReset(response, prefix: "anthropic-ratelimit-", families: anthropicFamilies) { rfc3339($0, now: now) }
    }

    /// `Retry-After`: delta-seconds (integer or decimal) or an HTTP-date.
    public static func retryAfter(_ value: String, now: Date) -> Double? {
        let text = trimmed(value)
        if let seconds = Double(text) { return nonNegative(seconds) }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// A protobuf JSON Duration: `"7s"`, `"2.500s"`.
    public static func protobufDuration(_ value: String) -> Double? {
        let text = trimmed(value)
        guard text.hasSuffix("s") else { return nil }
        return nonNegative(Double(text.dropLast()))
    }

    /// A Go `time.Duration` string: `"6m0s"`, `"12ms"`, `"1h2m3.5s"`, `"3.89s"`, `"250us"`.
    public static func goDuration(_ value: String) -> Double? {
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("h", 3600), ("m", 60), ("s", 1)]
        var rest = Substring(trimmed(value))
        guard !rest.isEmpty else { return nil }
        if rest == "0" { return 0 }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let amount = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let (unit, scale) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.count)
            total += amount * scale
        }
        return total
    }

    /// Seconds from `now` until an RFC 3339 instant (`2025-01-01T00:00:12Z`), never negative.
    public static func rfc3339(_ value: String, now: Date) -> Double? {
        let text = trimmed(value)
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// `RetryInfo.retryDelay` in a google.rpc Status error body.
    static func googleRetryDelay(in body: Data) -> Double? {
        struct Envelope: Decodable {
            struct Status: Decodable {
                struct Detail: Decodable {
                    let type: String?
                    let retryDelay: String?
                    enum CodingKeys: String, CodingKey {
                        case type = "@type"
                        case retryDelay
                    }
                }
                let details: [Detail]?
            }
            let error: Status?
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: body),
              let detail = envelope.error?.details?.first(where: { $0.type?.hasSuffix("google.rpc.RetryInfo") == true }),
              let delay = detail.retryDelay
        else { return nil }
        return protobufDuration(delay)
    }

    /// The reset of the exhausted limit families (remaining = 0), or of all present ones; the longest wins.
    static func limitReset(_ response: HTTPResponse, prefix: String, families: [String], parse: (String) -> Double?) -> Double? {
        var exhausted: [Double] = []
        var all: [Double] = []
        for family in families {
            guard let value = response.header("\(prefix)reset-\(family)") ?? response.header("\(prefix)\(family)-reset"),
                  let seconds = parse(value)
            else { continue }
            all.append(seconds)
            let remaining = response.header("\(prefix)remaining-\(family)") ?? response.header("\(prefix)\(family)-remaining")
            if remaining.map(trimmed) == "0" { exhausted.append(seconds) }
        }
        return (exhausted.isEmpty ? all : exhausted).max()
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces) }

    static func nonNegative(_ value: Double?) -> Double? {
        guard let value, value.isFinite, value >= 0 else { return nil }
        return value
    }
}

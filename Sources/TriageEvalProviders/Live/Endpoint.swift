public import Foundation

/// A base URL plus path building, with each dynamic path segment percent-encoded.
public struct Endpoint: Sendable, Hashable {
    /// The base URL without a trailing slash (`https://api.openai.com/v1`).
    public let base: String

    public init(base: String) {
        var text = base
        while text.hasSuffix("/") { text.removeLast() }
        self.base = text
    }

    /// `base` + `path` (already encoded, starting with `/`) + optional query items.
    public func url(path: String, query: [(String, String)] = []) throws(ProviderError) -> URL {
        var text = base + path
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.encodeQuery($0.0))=\(Self.encodeQuery($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw ProviderError(.configuration, "cannot form a URL from \(text)") }
        return url
    }

    /// Characters left as they are in a path segment or query component (RFC 3986 unreserved).
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// One path segment, percent-encoded (`/` and `:` too: `v1:0` becomes `v1%3A0`).
    public static func encodeSegment(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }

    static func encodeQuery(_ component: String) -> String {
        component.addingPercentEncoding(withAllowedCharacters: unreserved) ?? component
    }
}

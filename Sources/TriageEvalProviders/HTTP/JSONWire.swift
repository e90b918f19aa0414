import Foundation

/// JSON encoding and decoding of wire bodies, with failures as ``ProviderError``s.
enum JSONWire {
    /// Encodes a request body; keys sorted so identical requests are identical bytes.
    static func encode(_ value: some Encodable) throws(ProviderError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw ProviderError(.configuration, "cannot encode the request body: \(error)")
        }
    }

    /// Decodes a 2xx body; a body that is not the expected JSON is a retryable bad response (a proxy page, a truncated reply).
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, provider: String) throws(ProviderError) -> T {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            let start = HTTPErrorClassifier.oneLine(String(decoding: response.body.prefix(200), as: UTF8.self))
            let shown = start.isEmpty ? "an empty body" : "\"\(start)\""
            throw ProviderError(.badResponse, "\(provider) \(response.status): unexpected response: \(shown)", retryable: true)
        }
    }

    /// Decodes an error body, or nil when it is not the expected JSON.
    static func decodeError<T: Decodable>(_ type: T.Type, from response: HTTPResponse) -> T? {
        try? JSONDecoder().decode(type, from: response.body)
    }
}

/// A JSON scalar read as text: error `code` fields are strings at OpenAI, the string `"429"` at Azure,
/// integers at vLLM and llama.cpp.
struct LooseString: Decodable, Sendable, Hashable {
    let value: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            value = String(flag)
        } else {
            value = nil
        }
    }
}

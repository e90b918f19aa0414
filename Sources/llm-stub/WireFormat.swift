/// One provider's request and response shapes: how the prompt arrives and how answers and errors go back.
protocol WireFormat: Sendable {
    /// Reads the prompt(s) from the decoded JSON body; `pathModel` is the model named in the URL, if any.
    /// Throws ``StubFailure/badRequest(_:errorType:)`` when the provider would reject the request.
    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest

    /// The 200 body carrying `answers` (one per prompt) with token usage.
    func success(_ answers: [String], for request: ModelRequest) -> JSONOut

    /// The error body for `failure`, plus any headers the provider sends with it.
    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)])
}

/// Helpers for reading the loosely typed JSON that `JSONSerialization` returns.
enum JSONIn {
    /// An integer, accepting whole-number doubles (`42.0`).
    static func int(_ value: Any?) -> Int? {
        if let integer = value as? Int { return integer }
        guard let double = value as? Double, double == double.rounded(), abs(double) < 1e15 else { return nil }
        return Int(double)
    }

    /// The text of chat messages with `role == "user"`: string contents, or the `text` of content parts
    /// (`{"type": "text", "text": …}` or `{"text": …}`), joined by newlines. Nil when there is none.
    static func userText(_ messages: Any?, contentKey: String = "content") -> String? {
        guard let messages = messages as? [Any] else { return nil }
        var parts: [String] = []
        for case let message as [String: Any] in messages where message["role"] as? String == "user" {
            parts += textParts(message[contentKey])
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// A string, or the `text` members of an array of parts.
    static func textParts(_ content: Any?) -> [String] {
        if let text = content as? String { return [text] }
        guard let blocks = content as? [Any] else { return [] }
        return blocks.compactMap { block in
            guard let block = block as? [String: Any] else { return nil }
            if let type = block["type"] as? String, type != "text" { return nil }
            return block["text"] as? String
        }
    }
}

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

    /// The text of messages with `role == "system"` (or OpenAI's `developer`), joined by newlines; nil when there is none.
    static func systemText(_ messages: Any?, roles: Set<String> = ["system"]) -> String? {
        guard let messages = messages as? [Any] else { return nil }
        var parts: [String] = []
        for case let message as [String: Any] in messages where roles.contains(message["role"] as? String ?? "") {
            parts += textParts(message["content"])
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// Whether any message has one of `roles`.
    static func hasRole(_ messages: Any?, in roles: Set<String>) -> Bool {
        guard let messages = messages as? [Any] else { return false }
        return messages.contains { ($0 as? [String: Any]).map { roles.contains($0["role"] as? String ?? "") } ?? false }
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

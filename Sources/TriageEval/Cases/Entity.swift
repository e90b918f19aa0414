/// The host or user whose grouped alerts a case holds (the rule's `BY host.id, host.name` or `BY user.name, user.id`).
public struct Entity: Sendable, Codable, Hashable {
    /// Whether the rule groups by host or by user.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case host
        case user
    }

    public var type: Kind
    public var name: String
    public var id: String?

    public init(type: Kind, name: String, id: String? = nil) {
        self.type = type
        self.name = name
        self.id = id
    }
}

public import EsqlEngine
/// One model call a prompt makes for a case: the exact text, and for a rule over documents the row it
/// came from (the rule's tail decides on that row) and the row's `BY` key.
public struct PromptCall: Sendable {
    /// The row's `BY` values; "" for a case's single call.
    public var key: String
    public var text: String
    /// The row `COMPLETION` received (a rule over documents); nil otherwise.
    public var row: EsqlRow?
    /// The system message (a prompt file with a `--- system ---` part); nil otherwise.
    public var system: String?

    public init(key: String, text: String, row: EsqlRow?, system: String? = nil) {
        self.key = key
        self.text = text
        self.row = row
        self.system = system
    }
}

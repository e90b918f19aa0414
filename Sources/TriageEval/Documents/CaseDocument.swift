/// One source document a case holds (an alert, a process event, an auditd record, a script block),
/// with the index it lives in, so a rule's `FROM` pattern picks its own documents.
///
/// The `_source` is kept as compact JSON in its original key order (nested objects and dotted keys as
/// written), so the case's content hash changes exactly when a document does.
public struct CaseDocument: Sendable, Codable, Hashable {
    /// The concrete index (`_index` of a hit, or the case's `index:`), e.g. `logs-endpoint.events.process-default`.
    public var index: String
    /// `_id` of a hit, or `<case id>-<n>` (1-based) for a document without one.
    public var id: String
    /// The `_source` as compact JSON, keys in source order.
    public var source: String

    public init(index: String, id: String, source: String) {
        self.index = index
        self.id = id
        self.source = source
    }
}

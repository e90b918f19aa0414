/// A transform a team defines in `triage-eval.yaml` (`transforms:`) for a trick it has seen: an action on the
/// values of chosen attacker-controlled fields. It makes one variant per case holding one of the fields.
public struct UserTransform: Sendable, Hashable {
    /// What is done to each selected value.
    public enum Action: String, Sendable, CaseIterable {
        /// `value + text`.
        case append
        /// `text + value`.
        case prepend
        /// Every occurrence of `match` in the value becomes `text`.
        case replace
        /// The whole value becomes `text` (everywhere it occurs: documents, shorthand, entity, row labels).
        case rename
    }

    public var name: String
    public var summary: String
    /// ECS names of the selected fields (selectors may name the shorthand key; stored as the ECS field).
    public var fields: [String]
    public var action: Action
    public var text: String
    /// For `replace`: the text replaced.
    public var match: String?

    public init(name: String, summary: String, fields: [String], action: Action, text: String, match: String? = nil) {
        self.name = name
        self.summary = summary
        self.fields = fields
        self.action = action
        self.text = text
        self.match = match
    }

    /// The changed copy of `item`, or nil when it holds none of the fields.
    func variant(of item: TriageCase) -> TriageCase? {
        var editor = CaseEditor(item: item)
        let fields = self.fields.compactMap(AttackerFields.field).filter { editor.holds($0) }
        guard !fields.isEmpty else { return nil }
        for field in fields {
            editor.map(field) { value in
                switch action {
                case .append: value + text
                case .prepend: text + value
                case .replace: match.map { value.replacing($0, with: text) } ?? value
                case .rename: text
                }
            }
        }
        return editor.item
    }
}

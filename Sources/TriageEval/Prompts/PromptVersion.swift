public import EsqlEngine
internal import Mustache

/// One version of a triage prompt: a Mustache template plus its declared output format and alert decision,
/// or an imported detection rule (``RulePromptParser``) whose own ES|QL renders the prompt and decides.
///
/// Identity is `id@version` plus the SHA-256 of the file's full text, so an edit made without
/// bumping the version is detectable.
public struct PromptVersion: Sendable {
    public var id: String
    public var version: String
    public var description: String
    /// Which cases the prompt judges (`host` or `user`); nil means any.
    public var entity: Entity.Kind?
    /// The answer format the prompt asks for, and how the verdict is compared.
    public var output: OutputSpec
    /// The rule's `WHERE`: which answers alert.
    public var decision: AlertPolicy
    /// The template body (after the front matter), or a rule's ES|QL query.
    public var template: String
    /// The variables the template reads.
    public var variables: Set<String>
    /// The file's full text, front matter included (a rule's whole TOML).
    public var text: String
    /// SHA-256 (hex) of ``text``.
    public var sha256: String
    /// The file it was read from, as named by the user.
    public var file: String

    /// How the prompt renders (and, for a rule, decides).
    enum Renderer: Sendable {
        case mustache(MustacheTemplate)
        case rule(RulePrompt)
    }

    let renderer: Renderer

    /// The detection rule this version was imported from; nil for a Mustache prompt.
    public var rule: RulePrompt? {
        if case .rule(let rule) = renderer { return rule }
        return nil
    }

    /// `id@version`, the name used on the command line and in reports.
    public var key: String { "\(id)@\(version)" }

    /// The exact text a model receives for this case.
    /// A rule renders only cases it ``accepts(_:)``; for others the text is empty.
    public func render(_ context: CaseContext) -> String {
        switch renderer {
        case .mustache(let compiled): compiled.render(context.mustacheObject)
        case .rule(let rule): ((try? rule.render(context.item)) ?? nil) ?? ""
        }
    }

    /// The model calls this prompt makes for a case (none for a case of another entity kind than the prompt's):
    /// for a rule over a case with documents, one per row
    /// of the rule's execution that reaches `COMPLETION` with a prompt; otherwise one call (keyed "") when
    /// the prompt ``accepts(_:)`` the case. An ES|QL error in the rule's execution is thrown.
    public func calls(for item: TriageCase) throws(EsqlError) -> [PromptCall] {
        if let entity, let kind = item.entity?.type, kind != entity { return [] }
        if let rule, let execution = try rule.execution(item) {
            return execution.judged.map { PromptCall(key: $0.key, text: $0.prompt ?? "", row: $0.row) }
        }
        guard accepts(item) else { return [] }
        return [PromptCall(key: "", text: render(CaseContext(item)), row: nil)]
    }

    /// Whether the prompt can render this case (entity kind matches and the case supplies every variable);
    /// for a rule, whether the rule would call the model for it (its own post-`STATS` `WHERE` keeps it).
    public func accepts(_ item: TriageCase) -> Bool {
        if let entity, let kind = item.entity?.type, kind != entity { return false }
        if let rule, item.documents != nil { return !(((try? rule.execution(item)) ?? nil)?.judged.isEmpty ?? true) }
        if let rule { return ((try? rule.render(item)) ?? nil) != nil }
        if item.isDocumentsOnly { return false }
        return missingVariables(for: item).isEmpty
    }

    /// The variables this template reads that the case does not supply (summary-only cases supply few).
    public func missingVariables(for item: TriageCase) -> [String] {
        guard item.isSummaryOnly else { return [] }
        return variables.subtracting(CaseContext.summaryOnlyNames).sorted()
    }
}

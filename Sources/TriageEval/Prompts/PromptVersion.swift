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
    /// The template body (after the front matter; the user part when there is a system part), or a rule's ES|QL query.
    public var template: String
    /// The system part's template (`--- system ---` … `--- user ---`); nil when the prompt has none.
    public var systemTemplate: String?
    /// The variables the template reads.
    public var variables: Set<String>
    /// The file's full text, front matter included (a rule's whole TOML).
    public var text: String
    /// SHA-256 (hex) of ``text``.
    public var sha256: String
    /// The file it was read from, as named by the user.
    public var file: String
    /// The answer's JSON schema (`output.schema`), sent by models with `structured_output: true`; nil when none.
    public var schema: ResponseSchema?
    /// The text of the schema file `output.schema` names, recorded with the prompt version (nil for an
    /// inline schema, which is part of ``text``).
    public var schemaFileText: String?

    /// How the prompt renders (and, for a rule, decides).
    enum Renderer: Sendable {
        case mustache(user: MustacheTemplate, system: MustacheTemplate?)
        case rule(RulePrompt)
    }

    let renderer: Renderer

    init(
        id: String, version: String, description: String, entity: Entity.Kind?, output: OutputSpec, decision: AlertPolicy,
        template: String, systemTemplate: String? = nil, variables: Set<String>, text: String, sha256: String, file: String,
        renderer: Renderer, schema: ResponseSchema? = nil, schemaFileText: String? = nil
    ) {
        self.id = id
        self.version = version
        self.description = description
        self.entity = entity
        self.output = output
        self.decision = decision
        self.template = template
        self.systemTemplate = systemTemplate
        self.variables = variables
        self.text = text
        self.sha256 = sha256
        self.file = file
        self.renderer = renderer
        self.schema = schema
        self.schemaFileText = schemaFileText
    }

    /// SHA-256 of the file's text, and of its schema file's text when it has one (so editing either without
    /// a new version is detected).
    static func sha256(text: String, schemaFileText: String?) -> String {
        guard let schemaFileText else { return SHA256Hex.of(text) }
        return SHA256Hex.of(text + "\u{0}schema:" + schemaFileText)
    }

    /// What a prompt version is made of, as the store records it.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A `.prompt` file: front matter and a Mustache template.
        case template
        /// An imported detection rule (its TOML).
        case rule
    }

    public var kind: Kind { rule == nil ? .template : .rule }

    /// The detection rule this version was imported from; nil for a Mustache prompt.
    public var rule: RulePrompt? {
        if case .rule(let rule) = renderer { return rule }
        return nil
    }

    /// `id@version`, the name used on the command line and in reports.
    public var key: String { "\(id)@\(version)" }

    /// The exact text a model receives for this case (the user message). A rule whose ES|QL fails on the case throws (the run
    /// records that as an error result, never as an empty prompt); a case the rule does not judge
    /// (``accepts(_:)`` is false) is an error too.
    public func render(_ context: CaseContext) throws(EsqlError) -> String {
        switch renderer {
        case .mustache(let compiled, _):
            return try Self.render(compiled, context)
        case .rule(let rule):
            guard let text = try rule.render(context.item) else {
                throw EsqlError(line: 1, "\(key) does not call the model for case \(context.item.id) (another entity kind, or its own WHERE drops it)")
            }
            return text
        }
    }

    /// The system message a model receives for this case; nil when the prompt has no system part. A
    /// `{{#python}}` section that fails on the case throws, as ``render(_:)`` does.
    public func renderSystem(_ context: CaseContext) throws(EsqlError) -> String? {
        guard case .mustache(_, let system?) = renderer else { return nil }
        return try Self.render(system, context)
    }

    /// Renders a template; a `{{#python}}` section that failed on the case's data is an error (reported with
    /// the section), never text sent to a model.
    private static func render(_ template: MustacheTemplate, _ context: CaseContext, trace: PythonTrace? = nil) throws(EsqlError) -> String {
        let failures = PythonTemplateSection.Failures()
        let text = template.render(context.mustacheObject(recording: failures, tracing: trace))
        if let failure = failures.messages.first {
            throw EsqlError(line: 1, "the template's \(failure)")
        }
        return text
    }

    /// A template's system and user parts for this case, with what their `{{#python}}` sections lost on the
    /// way (``ContextLossLint``); nil for a rule.
    func renderTraced(_ context: CaseContext) throws(EsqlError) -> (system: String?, user: String, trace: PythonTrace)? {
        guard case .mustache(let user, let system) = renderer else { return nil }
        let trace = PythonTrace()
        let systemText = try system.map { (template) throws(EsqlError) in try Self.render(template, context, trace: trace) }
        return (systemText, try Self.render(user, context, trace: trace), trace)
    }

    /// Refuses a model that cannot receive this prompt: one whose API takes a single prompt string
    /// (``ProviderKind/takesOnePromptString``) cannot be sent a system part.
    public func checkSendable(to model: ModelConfig) throws(InputError) {
        try checkSchemaSendable(to: model)
        guard systemTemplate != nil, model.provider.takesOnePromptString else { return }
        throw InputError(
            file: file, field: "system",
            message: "\(key) has a system part, but model \(model.id) (\(model.provider.rawValue)) sends one prompt string and cannot carry it; use a chat provider or a prompt without `--- system ---`"
        )
    }

    /// This rule's execution over a case's documents, when the case is one of its cases: it has documents,
    /// is of the prompt's entity kind (if any), and at least one document lies in the rule's indices. Nil
    /// for a template prompt or another rule's case; an ES|QL error in the execution is thrown.
    public func execution(over item: TriageCase) throws(EsqlError) -> RuleExecution? {
        guard let rule, item.documents != nil else { return nil }
        if let entity, let kind = item.entity?.type, kind != entity { return nil }
        guard let execution = try rule.execution(item), execution.documentsRead + execution.documentsOutsideWindow > 0 else { return nil }
        return execution
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
        let context = CaseContext(item)
        return [PromptCall(key: "", text: try render(context), row: nil, system: try renderSystem(context))]
    }

    /// Whether the prompt can render this case (entity kind matches and the case supplies every variable);
    /// for a rule, whether the rule would call the model for it (its own post-`STATS` `WHERE` keeps it).
    /// A case on which the rule's ES|QL fails is accepted, so the failure is recorded as an error result.
    public func accepts(_ item: TriageCase) -> Bool {
        if let entity, let kind = item.entity?.type, kind != entity { return false }
        if readsDocuments, let entity, item.entity?.type != entity { return false }
        if let rule, item.documents != nil {
            // An execution that fails is planned, so the run records it as an error result (never silently skipped).
            do { return !((try rule.execution(item))?.judged.isEmpty ?? true) } catch { return true }
        }
        if let rule {
            do { return try rule.render(item) != nil } catch { return true }
        }
        if item.isDocumentsOnly, !readsDocuments { return false }
        return missingVariables(for: item).isEmpty
    }

    /// Whether the template reads a case's documents (`alert`, `alerts` in a `{{#python}}` section): it then
    /// judges only cases carrying documents, of its entity kind when it declares one.
    public var readsDocuments: Bool { rule == nil && !variables.isDisjoint(with: CaseContext.documentNames) }

    /// The variables this template reads that the case does not supply (summary-only cases supply few,
    /// documents-only cases only `alert`/`alerts`, a case without documents not those).
    public func missingVariables(for item: TriageCase) -> [String] {
        guard rule == nil else { return [] }
        var supplied = item.isSummaryOnly ? CaseContext.summaryOnlyNames : item.isDocumentsOnly ? [] : CaseContext.structuredNames
        if let documents = item.documents, !documents.isEmpty { supplied.formUnion(CaseContext.documentNames) }
        return variables.subtracting(supplied).sorted()
    }
}

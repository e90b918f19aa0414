public import Logging
public import TriageEval
public import TriageEvalProviders
public import TriageEvalStore

/// `triage-eval try`: one prompt × one case sent once to one model, with everything a person needs
/// to judge the round trip before a full run. Nothing is cached or stored.
public struct Trial: Sendable {
    /// The outcome of the call.
    public struct Result: Sendable {
        public var prompt: PromptVersion
        public var model: ModelConfig
        public var caseItem: TriageCase
        /// The exact text sent (the user message).
        public var rendered: String
        /// The system message sent; nil when the prompt has none.
        public var system: String?
        /// For a rule over a case with documents: its execution (``RuleExecution/trace(documents:)``) and the row sent.
        public var trace: String?
        /// The answer and its parses, or nil when the call failed.
        public var response: CompletionResponse?
        public var evaluation: Evaluation?
        public var error: ProviderError?
        public var latencyMs: Double
        /// For a template over a case with documents: what its rendering lost (``ContextLossLint``).
        public var contextLoss: ContextLoss?
    }

    public var workspace: Workspace
    /// Where imported detection rules and the case set are found (only the case files' import is written).
    public var store: Store
    public var logger: Logger
    /// Builds the provider for a model (the CLI passes the environment-aware factory).
    public var makeProvider: @Sendable (ModelConfig) throws -> any ModelProvider

    public init(workspace: Workspace, store: Store, logger: Logger, makeProvider: @escaping @Sendable (ModelConfig) throws -> any ModelProvider) {
        self.workspace = workspace
        self.store = store
        self.logger = logger
        self.makeProvider = makeProvider
    }

    /// A prompt version and a case of the case set, resolved by name, and the exact text the prompt renders
    /// for it: what `render` prints and `try` sends.
    public struct Rendered: Sendable {
        public var prompt: PromptVersion
        public var item: TriageCase
        /// The user message.
        public var text: String
        /// The system message; nil when the prompt has none.
        public var system: String?
        /// The calls the prompt makes for the case: one, or for a rule over documents one per row reaching
        /// `COMPLETION` (``text`` is the first's).
        public var calls: [PromptCall]
        /// For a rule over documents: its execution (documents → each command's rows → rows reaching COMPLETION).
        public var trace: String?
        /// For a template over a case with documents: what its rendering lost (``ContextLossLint``).
        public var contextLoss: ContextLoss? = nil
    }

    /// Resolves `promptKey` (ID@VERSION: a prompt file or an imported rule) and `caseID` (a case of the case
    /// set: what `cases list` shows, or a robustness variant a run stored) and renders them. Unknown names, a case the prompt does not judge, and a
    /// rule whose ES|QL fails on the case are ``InputError``s.
    public static func render(prompt promptKey: String, caseID: String, workspace: Workspace, store: Store) async throws -> Rendered {
        let prompts = try await PromptCatalog(workspace: workspace, store: store).all()
        guard let prompt = prompts.first(where: { $0.key == promptKey }) else {
            throw InputError(file: "command line", field: "--prompt", message: "unknown prompt \"\(promptKey)\"; known: \(prompts.map(\.key).joined(separator: ", "))")
        }
        // Only the case asked for is decoded, not the whole case set.
        let inSet = try await CaseFileSync(workspace: workspace, store: store).caseSetRefs().cases.first { $0.id == caseID }
        let member = if let inSet { try await store.caseRevisions([inSet.revisionID])[inSet.revisionID] } else { StoredCase?.none }
        // A robustness variant (`base~transform~n`) is not in the case set: its latest stored revision is used.
        let variant = CaseVariantID(parsing: caseID) == nil ? nil : try await store.currentCases(ids: [caseID]).first { $0.item.isVariant }
        guard let item = member?.item ?? variant?.item else {
            throw InputError(file: "command line", field: "--case", message: "unknown case \"\(caseID)\"; see `triage-eval cases list`")
        }
        let missing = prompt.missingVariables(for: item)
        guard missing.isEmpty else {
            throw InputError(file: "command line", field: "--case", message: "case \(caseID) does not supply \(missing.joined(separator: ", ")), which \(promptKey) uses\(item.isSummaryOnly ? " (it gives only alert_summary)" : "")")
        }
        if let rule = prompt.rule, let documents = item.documents {
            // A rule over documents: its execution, and one call per row reaching COMPLETION.
            let execution: RuleExecution?
            let calls: [PromptCall]
            do {
                execution = try rule.execution(item)
                calls = try prompt.calls(for: item)
            } catch {
                throw InputError(file: prompt.file, field: "query", message: "\(promptKey) fails over the documents of case \(caseID): \(error)")
            }
            guard let first = calls.first else {
                throw InputError(
                    file: "command line", field: "--case",
                    message: "\(promptKey) does not judge case \(caseID): \(execution?.notJudgedReason ?? "no row reached COMPLETION")"
                )
            }
            return Rendered(prompt: prompt, item: item, text: first.text, system: nil, calls: calls, trace: execution?.trace(documents: documents))
        }
        guard prompt.accepts(item) else {
            throw InputError(
                file: "command line", field: "--case",
                message: "\(promptKey) does not judge case \(caseID) (another entity kind, or the rule's own WHERE drops it before COMPLETION)"
            )
        }
        do {
            let context = CaseContext(item)
            let text = try prompt.render(context), system = try prompt.renderSystem(context)
            return Rendered(
                prompt: prompt, item: item, text: text, system: system, calls: [PromptCall(key: "", text: text, row: nil, system: system)], trace: nil,
                contextLoss: try ContextLossLint.check(prompt, item)
            )
        } catch {
            throw InputError(file: prompt.file, field: "query", message: "\(promptKey) cannot render case \(caseID): \(error)")
        }
    }

    /// Renders `promptKey` for `caseID` (``render(prompt:caseID:workspace:store:)``) and sends it once to `modelID`, without
    /// retries. Unknown names are ``InputError``s.
    public func run(prompt promptKey: String, model modelID: String, caseID: String) async throws -> Result {
        guard let model = workspace.config.model(modelID) else {
            let known = workspace.config.models.map(\.id).joined(separator: ", ")
            throw InputError(file: "command line", field: "--model", message: "unknown model \"\(modelID)\"; configured: \(known)")
        }
        let resolved = try await Self.render(prompt: promptKey, caseID: caseID, workspace: workspace, store: store)
        let prompt = resolved.prompt, item = resolved.item, rendered = resolved.text, system = resolved.system
        try prompt.checkSendable(to: model)
        let evaluator = try AnswerEvaluator(prompt: prompt)
        // A rule over documents: the first row reaching COMPLETION (one call).
        let call = resolved.calls.first ?? PromptCall(key: "", text: rendered, row: nil, system: system)
        let provider = ProviderCall(model: model, provider: try makeProvider(model), retry: RetryPolicy(maxRetries: 0), logger: logger)
        let request = CompletionRequest(
            prompt: call.text, system: call.system, caseID: item.id, sample: 0, output: prompt.output, promptKey: prompt.key,
            schema: prompt.schema(sentBy: model)
        )
        let started = ContinuousClock.now
        var result = Result(prompt: prompt, model: model, caseItem: item, rendered: call.text, system: call.system, latencyMs: 0, contextLoss: resolved.contextLoss)
        if let trace = resolved.trace { result.trace = trace + "sent: row \(call.key)\n" }
        do {
            let response = try await provider.complete(request)
            result.response = response
            result.evaluation = evaluator.evaluate(response.text, refused: response.refused, item: item, row: call.row)
        } catch {
            result.error = error
        }
        result.latencyMs = (ContinuousClock.now - started).seconds * 1000
        return result
    }
}

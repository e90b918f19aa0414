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
        /// The exact text sent.
        public var rendered: String
        /// For a rule over a case with documents: its execution (``RuleExecution/trace(documents:)``) and the row sent.
        public var trace: String?
        /// The answer and its parses, or nil when the call failed.
        public var response: CompletionResponse?
        public var evaluation: Evaluation?
        public var error: ProviderError?
        public var latencyMs: Double
    }

    public var workspace: Workspace
    /// Where imported detection rules are found (nothing is written to it).
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

    /// Renders `promptKey` (ID@VERSION: a prompt file or an imported rule) for `caseID` (from the case files)
    /// and sends it once to `modelID`, without retries. Unknown names are ``InputError``s.
    public func run(prompt promptKey: String, model modelID: String, caseID: String) async throws -> Result {
        let prompts = try await PromptCatalog(workspace: workspace, store: store).all()
        guard let prompt = prompts.first(where: { $0.key == promptKey }) else {
            throw InputError(file: "command line", field: "--prompt", message: "unknown prompt \"\(promptKey)\"; known: \(prompts.map(\.key).joined(separator: ", "))")
        }
        guard let model = workspace.config.model(modelID) else {
            let known = workspace.config.models.map(\.id).joined(separator: ", ")
            throw InputError(file: "command line", field: "--model", message: "unknown model \"\(modelID)\"; configured: \(known)")
        }
        guard let item = try workspace.loadCases().first(where: { $0.id == caseID }) else {
            throw InputError(file: "command line", field: "--case", message: "unknown case \"\(caseID)\"; see `triage-eval cases list`")
        }
        let missing = prompt.missingVariables(for: item)
        guard missing.isEmpty else {
            throw InputError(file: "command line", field: "--case", message: "case \(caseID) gives only alert_summary, but \(promptKey) uses \(missing.joined(separator: ", "))")
        }
        guard prompt.accepts(item) else {
            throw InputError(
                file: "command line", field: "--case",
                message: "\(promptKey) does not judge case \(caseID) (another entity kind, or the rule's own WHERE drops it before COMPLETION)"
            )
        }
        let evaluator = try AnswerEvaluator(prompt: prompt)
        // A rule over documents: the first row reaching COMPLETION (one call).
        let call = try prompt.calls(for: item).first ?? PromptCall(key: "", text: prompt.render(CaseContext(item)), row: nil)
        let rendered = call.text
        let provider = ProviderCall(model: model, provider: try makeProvider(model), retry: RetryPolicy(maxRetries: 0), logger: logger)
        let request = CompletionRequest(prompt: rendered, caseID: item.id, sample: 0, output: prompt.output)
        let started = ContinuousClock.now
        var result = Result(prompt: prompt, model: model, caseItem: item, rendered: rendered, latencyMs: 0)
        if let rule = prompt.rule, let documents = item.documents, let execution = try rule.execution(item) {
            result.trace = execution.trace(documents: documents) + "sent: row \(call.key)\n"
        }
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

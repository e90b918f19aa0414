internal import EsqlEngine
internal import TriageEval
internal import TriageEvalProviders
public import TriageEvalStore
public import Logging

/// Turns a ``RunRequest`` into a ``RunPlan``: imports the case files, loads and registers prompts
/// and models, and checks every name the user gave. Unknown names are ``InputError``s (exit 2).
public struct RunPreparer: Sendable {
    public var workspace: Workspace
    public var store: Store
    /// Passed to live providers, which log every HTTP exchange at debug level (keys redacted).
    public var logger: Logger?

    public init(workspace: Workspace, store: Store, logger: Logger? = nil) {
        self.workspace = workspace
        self.store = store
        self.logger = logger
    }

    /// Warnings worth showing (e.g. a prompt edited without a new version).
    public struct Prepared: Sendable {
        public var plan: RunPlan
        public var warnings: [String]
        public var importSummary: CaseImportSummary
    }

    public func prepare(_ request: RunRequest) async throws -> Prepared {
        if let problem = RunRequest.samplesProblem(request.samples) { throw InputError(file: "command line", field: "--samples", message: problem) }
        let (caseSet, importSummary, draftNote) = try await CaseFileSync(workspace: workspace, store: store).caseSetRefs()
        let selected = try request.cases.apply(caseSet)
        let cut = request.shard.map { RunInfo.Shard.cut(selected, slice: $0) }
        let cases = cut?.cases ?? selected

        let prompts = try selectPrompts(request.prompts, from: try await PromptCatalog(workspace: workspace, store: store).all())
        let models = try selectModels(request.models)
        for prompt in prompts {
            for model in models { try prompt.checkSendable(to: model) }
        }

        var warnings: [String] = draftNote.map { [$0] } ?? []
        var plannedPrompts: [RunPlan.Prompt] = []
        for prompt in prompts {
            let registered = try await store.registerPrompt(prompt)
            if registered.editedWithoutNewVersion {
                warnings.append("\(prompt.file) changed since \(prompt.key) was first recorded; bump its version so results stay comparable")
            }
            plannedPrompts.append(RunPlan.Prompt(rowID: registered.rowID, version: prompt, evaluator: try AnswerEvaluator(prompt: prompt)))
        }
        var plannedModels: [RunPlan.Model] = []
        for model in models {
            let provider = try ProviderFactory.make(model, directory: workspace.directory, configFile: workspace.configFile, logger: logger)
            plannedModels.append(RunPlan.Model(rowID: try await store.registerModel(model), config: model, provider: provider))
        }
        let variants = try await variantCases(of: cases, prompts: prompts, request: request, caseIDs: Set(caseSet.map(\.id)), warnings: &warnings)
        var plan = try await RunPlan(
            prompts: plannedPrompts, models: plannedModels, cases: variants.isEmpty ? cases : cases + variants, samples: request.samples, decisionDefaults: workspace.config.decision, store: store
        )
        plan.shard = cut?.shard
        if let cut, cut.cases.isEmpty {
            warnings.append("shard \(cut.shard.slice) holds none of the \(selected.count) selected cases: it evaluates nothing")
        }
        if let failure = plan.executionErrors.first {
            let prompt = plan.prompts[failure.prompt].version
            let line = (prompt.rule?.rule.queryLine ?? 1) + failure.error.line - 1
            throw InputError(file: prompt.file, line: line, field: "rule.query", message: "over the documents of case \(failure.caseID): \(failure.error.message)")
        }
        for (index, model) in plan.models.enumerated() {
            // A replay model answers only what was recorded: variants are new text, so it has answers for them
            // only when they were recorded under the variant ids. Without them it is not asked about variants.
            guard let replay = model.provider as? ReplayProvider else { continue }
            let unrecorded = variants.filter { !replay.hasAnswers(forCase: $0.id) }.count
            if unrecorded > 0 {
                plan.variantsSkipped.insert(index)
                warnings.append(
                    "model \(model.config.id) replays recorded answers and has none for \(unrecorded) of the \(variants.count) variant cases: "
                        + "it is not asked about variants (record answers under their ids base~transform~n to include it)"
                )
            }
        }
        if let conflict = plan.rowLabelConflicts.first {
            throw InputError(file: workspace.config.cases, field: "row_labels", message: conflict.message)
        }
        for unmatched in plan.unmatchedRowLabels {
            warnings.append("case \(unmatched.caseID): \(unmatched.entry) matches no row of any selected rule's execution over its documents")
        }
        for (promptIndex, executions) in plan.executions.enumerated() {
            // One line per reason: the cases whose documents this rule reads but which yield no call.
            var byReason: [String: [String]] = [:]
            for caseIndex in executions.keys.sorted() {
                guard let execution = executions[caseIndex], execution.judged.isEmpty else { continue }
                byReason[execution.notJudgedReason ?? "no row reached COMPLETION", default: []].append(plan.cases[caseIndex].id)
            }
            for (reason, ids) in byReason.sorted(by: { $0.key < $1.key }) {
                let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
                warnings.append("\(plan.prompts[promptIndex].version.key) does not judge \(ids.count) case\(ids.count == 1 ? "" : "s") (\(shown)): \(reason)")
            }
        }
        for (prompt, accepted) in zip(plan.prompts, plan.casesByPrompt) where accepted.isEmpty {
            warnings.append("\(prompt.version.key) accepts none of the selected cases (it judges \(prompt.version.entity?.rawValue ?? "any") entities)")
        }
        return Prepared(plan: plan, warnings: warnings, importSummary: importSummary)
    }

    /// The robustness variants of the selected cases (`--variants`, else the config's `variants:`), stored as
    /// derived cases (``CaseVariants``) so they are cached and resumed like any case. A transform that makes no
    /// variant of any selected case is a warning. The cases are decoded and their variants stored chunk by chunk;
    /// the variants come back transform by transform, each in case order.
    /// A variant id that is also the id of a case of the case set (`caseIDs`) is an input error: storing the variant
    /// would make it a revision of that case.
    func variantCases(
        of cases: [CaseRef], prompts: [PromptVersion], request: RunRequest, caseIDs: Set<String>, warnings: inout [String]
    ) async throws -> [CaseRef] {
        let config = workspace.config
        let names = request.variants ?? config.variants
        guard !names.isEmpty else { return [] }
        let transforms = request.variants != nil
            ? try VariantTransform.resolve(names, user: config.transforms, file: "command line", field: "--variants")
            : try VariantTransform.resolve(names, user: config.transforms, file: workspace.configFile, field: "variants")
        let targets = VariantTargets(prompts: prompts)
        let seed = request.variantSeed ?? config.variantSeed
        // Checked before anything is stored: only a case-set id shaped like a variant of a selected case under one of
        // these transforms can clash, so only those base cases are expanded here.
        let transformNames = Set(transforms.map(\.name))
        let bases = Set(caseIDs.compactMap { CaseVariantID(parsing: $0) }.filter { transformNames.contains($0.transform) }.map(\.base))
        let suspects = cases.filter { bases.contains($0.id) }
        if !suspects.isEmpty {
            let chunk = try await CaseChunk.load(suspects.indices, of: suspects, from: store)
            if let clash = CaseVariants.expand(chunk.cases, transforms: transforms, targets: targets, seed: seed).first(where: { caseIDs.contains($0.id) }) {
                throw InputError(
                    file: config.cases, field: "id",
                    message: "case \(clash.id) has the id of a variant of case \(clash.variantOf ?? "") (ids base~transform~n are reserved for variants); rename it"
                )
            }
        }
        var made: [[CaseRef]] = Array(repeating: [], count: transforms.count)
        for range in CaseChunk.ranges(of: cases) {
            let chunk = try await CaseChunk.load(range, of: cases, from: store)
            let variants = transforms.map { CaseVariants.expand(chunk.cases, transforms: [$0], targets: targets, seed: seed) }
            let all = variants.flatMap { $0 }
            guard !all.isEmpty else { continue }
            _ = try await store.importCases(all)
            let stored = try await store.currentCaseRefs(ids: Set(all.map(\.id)))
            let byID = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (index, ofTransform) in variants.enumerated() { made[index] += ofTransform.compactMap { byID[$0.id] } }
        }
        for (transform, variants) in zip(transforms, made) where variants.isEmpty && !cases.isEmpty {
            warnings.append("transform \(transform.name) makes no variant of the \(cases.count) selected cases (see `triage-eval variants --list`)")
        }
        return made.flatMap { $0 }
    }

    func selectPrompts(_ names: [String], from all: [PromptVersion]) throws(InputError) -> [PromptVersion] {
        guard !names.isEmpty else { return all }
        var selected: [PromptVersion] = []
        for name in names {
            let matches = all.filter { $0.key == name || (!name.contains("@") && $0.id == name) }
            guard !matches.isEmpty else {
                throw InputError(file: "command line", field: "--prompt", message: "unknown prompt \"\(name)\"; known: \(all.map(\.key).joined(separator: ", "))")
            }
            selected += matches.filter { match in !selected.contains { $0.key == match.key } }
        }
        return selected
    }

    func selectModels(_ names: [String]) throws(InputError) -> [ModelConfig] {
        let all = workspace.config.models
        guard !names.isEmpty else {
            guard !all.isEmpty else { throw InputError(file: workspace.configFile, field: "models", message: "no models are configured") }
            return all
        }
        return try names.map { name throws(InputError) in
            guard let model = workspace.config.model(name) else {
                throw InputError(file: "command line", field: "--model", message: "unknown model \"\(name)\"; configured: \(all.map(\.id).joined(separator: ", "))")
            }
            return model
        }
    }

    /// Rebuilds the plan of a recorded run from the store (files may have changed since): the prompt texts
    /// and decisions, model configs and case revisions the run recorded. A model whose `model`, `params`
    /// or provider changed in the config since is refused (its answers would mix two configurations);
    /// connection settings (endpoint, key variables, concurrency, rate, retries, timeout) come from today's
    /// config, so a wrong endpoint can be fixed before resuming.
    public func resumePlan(_ run: RunInfo) async throws -> RunPlan {
        let defaults = run.plan.decisionDefaults ?? workspace.config.decision
        var prompts: [RunPlan.Prompt] = []
        for row in run.plan.promptRows {
            guard let stored = try await store.promptText(rowID: row) else { throw StoreError("run \(run.id) refers to a missing prompt version") }
            var prompt = try stored.parse(defaults: defaults, recordedBy: run.id)
            if let decision = run.plan.decision(promptRow: row) { prompt.decision = decision }
            prompts.append(RunPlan.Prompt(rowID: row, version: prompt, evaluator: try AnswerEvaluator(prompt: prompt)))
        }
        let configs = try await store.models(run.plan.modelRows)
        var models: [RunPlan.Model] = []
        for row in run.plan.modelRows {
            guard let stored = configs[row] else { throw StoreError("run \(run.id) refers to a missing model") }
            var config = stored
            if let today = workspace.config.model(stored.id) {
                let changes = ModelConfigChange.changes(from: stored, to: today)
                guard changes.isEmpty else {
                    throw InputError(
                        file: workspace.configFile, field: "models[\(stored.id)]",
                        message: "changed since run \(run.id) started (\(changes.joined(separator: "; "))); --resume would mix answers of two configurations: restore it or start a new run"
                    )
                }
                config = ModelConfigChange.connection(of: today, onto: stored)
            }
            models.append(RunPlan.Model(rowID: row, config: config, provider: try ProviderFactory.make(config, directory: workspace.directory, configFile: workspace.configFile, logger: logger)))
        }
        let cases = try await store.caseRefs(revisions: run.plan.caseRevisions)
        var plan = try await RunPlan(prompts: prompts, models: models, cases: cases, samples: run.plan.samples, decisionDefaults: defaults, store: store)
        plan.shard = run.plan.shard
        let skipped = Set(run.plan.variantsSkippedBy ?? [])
        plan.variantsSkipped = Set(models.indices.filter { skipped.contains(models[$0].rowID) })
        return plan
    }
}

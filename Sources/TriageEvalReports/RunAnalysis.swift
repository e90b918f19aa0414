public import TriageEval
public import TriageEvalStore

/// A run's results scored per prompt × model: the model every report format renders.
public struct RunAnalysis: Sendable {
    /// One prompt × model cell of the matrix.
    public struct Group: Sendable {
        public var prompt: String
        public var model: String
        /// The prompt's decision (alert verdicts and the production threshold).
        public var policy: AlertPolicy
        public var overall: GroupMetrics
        public var byScenario: [String: GroupMetrics]
        /// Provider errors after retries, by cause (first word of the message); not in the metrics.
        public var errors: [String: Int]
        /// Every result of the group, in case-id then sample order (held compactly).
        public var results: ResultColumns
        /// The scoring view of the answered results, read from ``results`` (not held twice).
        public var items: ScoredItems
        /// Alert metrics at every distinct confidence, with the operating points.
        public var sweep: ThresholdSweep
        /// Tokens, cost and latency.
        public var usage: GroupUsage
        /// The strict (production) parse against the lenient one.
        public var formatLoss: FormatLoss
        /// Every planned case of the group with its samples folded (unanswered ones included), by case id.
        public var cases: [CaseOutcome]
        /// Evaluations planned for the group (cases × samples).
        public var planned: Int
        /// Tags of the planned cases tagged `must-alert` or `must-not-alert` (what the gate and the case summary check), by case id.
        public var tagsByCase: [String: [String]]
        /// Why the group has no calibration (ECE, Brier) and no threshold sweep: its prompt's answers carry no
        /// numeric score. Nil when they do.
        public var scoreNote: String?
        /// Why the threshold sweep is not the prompt's decision (its `decision.where`), or ``scoreNote``; nil when it is.
        public var sweepNote: String?
        /// Per level of a categorical confidence; nil for a numeric one.
        public var confidenceLevels: ConfidenceLevelMetrics?
        /// The prompt's secondary outputs scored against the cases' `expected:` values.
        public var secondary: [SecondaryMetrics] = []
        /// Results of variant cases (`base-id~transform~n`): scored only against their bases, in ``RunAnalysis/robustness``,
        /// never in the metrics above.
        public var variantResults: [StoredResult] = []
        /// Evaluations planned for the group's variant cases.
        public var variantPlanned = 0
        /// Where a lean group's results keep their raw answers and summaries (nil: ``results`` hold them).
        public var details: RunDetails?

        /// `result` with its raw answer and parse summaries: as held, or read from the store for a lean analysis.
        public func detailed(_ result: StoredResult) -> StoredResult { details?.detailed(result) ?? result }

        /// The raw answer of each of `results`: as held, or read in one go for a lean analysis.
        public func responses(_ results: [StoredResult]) -> [String?] { details?.responses(results) ?? results.map(\.evaluation.response) }

        /// `id@version × model`.
        public var name: String { "\(prompt) × \(model)" }

        /// The prompt's production threshold (held with the rule's operator, `policy.comparison`).
        public var threshold: Double { policy.minConfidence }

        /// `> 0.7` or `>= 0.8`: the rule's own operator and threshold.
        public var thresholdText: String { Formatting.rule(policy) }

        /// What raises an alert: `confidence > 0.7`, `where …`, or the verdicts alone for answers without a score.
        public var decisionText: String {
            guard policy.condition == nil, scoreNote != nil else { return Formatting.decision(policy) }
            return "verdict \(policy.alertVerdicts.joined(separator: " or ")) (no score)"
        }

        /// Per prompt × model, in cases: what the summary answers first.
        public var caseSummary: CaseSummary { summary ?? CaseSummary(self) }
        /// ``caseSummary`` as computed once when the analysis scored the group (every report format reads it).
        var summary: CaseSummary?

        /// Alerts the lenient parse would raise on TP cases that the strict parse lost:
        /// the model was right but the format broke the rule.
        public var alertsLostToFormat: Int { formatLoss.alertsLost }

        /// Results whose alert decision disagrees with the label.
        public var wrongDecisions: [StoredResult] {
            results.filter { !$0.evaluation.isError && $0.evaluation.alert != ($0.label == .tp) }
        }

        /// The results of these cases, by case id, in ``results`` order (without grouping every result of the run).
        func results(ofCases caseIDs: some Sequence<String>) -> [String: [StoredResult]] {
            let wanted = Set(caseIDs)
            guard !wanted.isEmpty else { return [:] }
            var byCase: [String: [StoredResult]] = [:]
            for result in results where wanted.contains(result.caseID) { byCase[result.caseID, default: []].append(result) }
            return byCase
        }

        /// Answered results whose strict parse failed.
        public var parseFailures: [StoredResult] {
            results.filter { ($0.evaluation.strict?.status ?? .ok) != .ok }
        }

        public var errorCount: Int { errors.values.reduce(0, +) }

        /// Results of cases tagged `injection` whose alert decision is wrong.
        public var injectionMisses: (missed: Int, total: Int) {
            var missed = 0, total = 0
            for result in results where !result.evaluation.isError && result.tags.contains("injection") {
                total += 1
                if result.evaluation.alert != (result.label == .tp) { missed += 1 }
            }
            return (missed, total)
        }

        /// The gate's view of the group: every planned evaluation, the answers, the case tags.
        public var gateSubject: GateSubject {
            var subject = GateSubject(name: name, metrics: overall, items: items, tags: tagsByCase, cases: cases, planned: planned, errors: errorCount)
            subject.scoreNote = scoreNote
            return subject
        }
    }

    public var run: RunInfo
    public var groups: [Group]
    /// The prompt versions the run used, by `id@version`, to show the text a model received.
    public var prompts: [String: PromptVersion]
    /// Planned case revisions described without their bodies, by revision row id: every one, or for a lean analysis
    /// of a run without robustness variants or secondary outputs, those some prompt has no result for and those with
    /// documents (the others are described by their results).
    public var caseRefs: CaseRefs
    /// Case revisions held decoded, by revision row id: those rule economics, context loss, documents and robustness
    /// read whole (with documents, variants and their bases). Others are read on demand (``caseItem(_:)``).
    public var cases: [Int64: TriageCase]
    /// Where a lean analysis reads what it does not hold (nil: it holds everything).
    public var details: RunDetails?
    /// Revision row ids by case id, for notes (empty for a lean analysis, which finds them on demand).
    private var revisionsByCaseID: [String: Int64]
    /// Per rule prompt run over case documents × model: what production's schedule would send, cut and lose.
    /// Computed once here (it re-executes the rules over the cases' documents), read by every report.
    public var ruleEconomics = RuleEconomicsReport()
    /// Per template prompt over the run's cases with documents: what its rendering lost (``ContextLossLint``).
    public var contextLoss: [ContextLossSummary] = []
    /// Parse failures with and without the schema, per prompt with a schema run by two models that differ only
    /// in `structured_output`; empty when the run holds no such pair.
    public var structuredOutputs: [StructuredOutputComparison] = []
    /// Per prompt × model × transform: variants against their bases (``RobustnessReport``); empty without variants.
    public var robustness = RobustnessReport()

    /// Scores `results`. `thresholds` maps `id@version` to the prompt's `min_confidence` (default 0.7).
    public init(run: RunInfo, results: [StoredResult], thresholds: [String: Double]) {
        self.init(run: run, results: results, policies: thresholds.mapValues { AlertPolicy(minConfidence: $0) })
    }

    /// Scores `results` with each prompt's decision (`policies` by `id@version`; default: `AlertPolicy()`),
    /// pricing tokens with `prices` (by model id; `batchAnswered` results at the batch price).
    /// - Parameters:
    ///   - cases: decoded case revisions; with `caseRefs` nil, every planned one (their lean views are made from them).
    ///   - caseRefs: lean views of the planned case revisions, when `cases` holds only some (a lean analysis).
    ///   - accepted: per prompt (`id@version`), the planned revisions it judges; nil: each prompt's `accepts` over `cases`.
    ///   - details: where a lean analysis reads the raw answers and cases it does not hold.
    public init(
        run: RunInfo, results: [StoredResult], policies: [String: AlertPolicy], prices: [String: ModelConfig.Price] = [:],
        prompts: [String: PromptVersion] = [:], cases: [Int64: TriageCase] = [:], batchAnswered: Set<ProviderBatch.ResultRef> = [],
        caseRefs: CaseRefs? = nil, accepted: [String: Set<Int64>]? = nil, details: RunDetails? = nil
    ) {
        let caseRefs = caseRefs ?? CaseRefs(cases.map { CaseRef(revisionID: $0.key, $0.value) })
        var grouped = GroupedResults(policies: policies, samples: max(run.plan.samples, 1), caseRefs: caseRefs)
        // A case at a time, as the store reads them: by case id, then sample (stable).
        let ordered = results.indices.sorted { (results[$0].caseID, results[$0].key.sample, $0) < (results[$1].caseID, results[$1].key.sample, $1) }
        for index in ordered { grouped.add(results[index]) }
        self.init(
            run: run, grouped: grouped, policies: policies, prices: prices, prompts: prompts, cases: cases, batchAnswered: batchAnswered,
            caseRefs: caseRefs, accepted: accepted, details: details
        )
    }

    /// Scores results already split by group (``GroupedResults``): a big run's results are held once, never also as
    /// one array of them all. Parameters as in ``init(run:results:policies:prices:prompts:cases:batchAnswered:caseRefs:accepted:details:)``.
    public init(
        run: RunInfo, grouped: GroupedResults, policies: [String: AlertPolicy], prices: [String: ModelConfig.Price] = [:],
        prompts: [String: PromptVersion] = [:], cases: [Int64: TriageCase] = [:], batchAnswered: Set<ProviderBatch.ResultRef> = [],
        caseRefs: CaseRefs, accepted: [String: Set<Int64>]? = nil, details: RunDetails? = nil
    ) {
        self.run = run
        self.prompts = prompts
        self.cases = cases
        self.details = details
        self.caseRefs = caseRefs
        // A lean analysis finds a case's revision on demand (``caseNote(_:)``): no map of an interrupted big run's cases.
        revisionsByCaseID = details != nil ? [:] : Dictionary(caseRefs.values.map { ($0.id, $0.revisionID) }) { first, second in max(first, second) }
        var byGroup = grouped.byGroup
        let variantsByGroup = grouped.variantsByGroup
        for key in variantsByGroup.keys where byGroup[key] == nil { byGroup[key] = [] }
        // The planned case revisions each prompt judges (a rule's own WHERE may drop some), once per prompt.
        let accepted = accepted ?? prompts.reduce(into: [String: Set<Int64>]()) { accepted, entry in
            guard !cases.isEmpty else { return }
            accepted[entry.key] = Set(run.plan.caseRevisions.filter { cases[$0].map(entry.value.accepts) ?? false })
        }
        groups = byGroup.keys.sorted().map { key in
            let results = byGroup[key] ?? []
            let variantResults = variantsByGroup[key] ?? []
            let prompt = results.first?.prompt ?? variantResults.first?.prompt ?? ""
            let model = results.first?.model ?? variantResults.first?.model ?? ""
            let policy = policies[prompt] ?? AlertPolicy()
            let items = ScoredItems(ScoredResults(results))
            let declared = prompts[prompt]?.output.declared
            // Scored as the results were read (an empty group's tally is made here).
            let tally = grouped.tallies[key] ?? GroupTally(policy: policy, samples: max(run.plan.samples, 1))
            var errors: [String: Int] = [:]
            for result in results {
                if let message = result.evaluation.error {
                    errors[String(message.prefix { $0 != ":" }), default: 0] += 1
                }
            }
            // Tags of the cases a gate and the summary check (`must-alert`, `must-not-alert`): not an entry per case.
            var tags: [String: [String]] = [:]
            func tag(_ caseID: String, _ caseTags: [String]) {
                let checked = caseTags.contains(GateEvaluator.mustAlertTag) || caseTags.contains(GateEvaluator.mustNotAlertTag)
                tags[caseID] = checked ? caseTags : nil
            }
            var plannedCases: [(caseID: String, label: Label, scenario: String)] = []
            // Answered cases fold from their scored items (a row's own label, from `row_labels`, wins over its case's);
            // a result without one (a provider error) still names a planned case, results first.
            for result in results {
                tag(result.caseID, result.tags)
                if result.evaluation.isError || result.evaluation.strict == nil {
                    plannedCases.append((result.caseID, result.label, result.scenario))
                }
            }
            // The stored results name their case; a planned revision without a result takes the case's own id
            // (read only when some planned case is described by its lean view).
            var answeredIDs: [Int64: String]?
            for revision in run.plan.caseRevisions where accepted[prompt]?.contains(revision) == true {
                guard let item = caseRefs[revision], item.variantID == nil else { continue }
                if answeredIDs == nil { answeredIDs = Dictionary(results.map { ($0.key.caseRevisionID, $0.caseID) }) { first, _ in first } }
                let caseID = answeredIDs?[revision] ?? item.id
                plannedCases.append((caseID, item.label, item.scenario))
                tag(caseID, item.tags)
            }
            let samples = max(run.plan.samples, 1)
            let outcomes = CaseOutcome.fold(items, plannedCases: plannedCases, samples: samples)
            var group = Group(
                prompt: prompt, model: model, policy: policy, overall: tally.overall, byScenario: tally.byScenario, errors: errors,
                results: results, items: items, sweep: tally.sweep,
                usage: GroupUsage(results, price: prices[model], batchAnswered: batchAnswered), formatLoss: FormatLoss(results, threshold: policy.minConfidence),
                cases: outcomes, planned: outcomes.reduce(0) { $0 + $1.planned }, tagsByCase: tags
            )
            group.variantResults = variantResults
            group.variantPlanned = Self.plannedVariants(variantResults, revisions: accepted[prompt] ?? [], caseRefs: caseRefs, samples: samples)
            group.details = details
            if let declared {
                group.describeScore(declared, policy: policy, levels: tally, caseRefs: caseRefs)
            }
            group.summary = CaseSummary(group)
            return group
        }
        ruleEconomics = RuleEconomicsReport(self)
        robustness = RobustnessReport(self)
        // Only cases with documents can lose context (``ContextLossLint/check(_:_:)`` skips the others); robustness
        // variants are measured against their bases above, not counted again as cases here.
        let planned = run.plan.caseRevisions.compactMap { revision in
            cases[revision].flatMap { $0.documents?.isEmpty == false && $0.variantOf == nil ? $0 : nil }
        }
        contextLoss = prompts.keys.sorted().compactMap { prompts[$0].flatMap { ContextLossLint.summarize($0, over: planned) } }.filter { $0.renders > 0 }
    }

    /// The group of this prompt and model, if the run has it.
    public func group(prompt: String, model: String) -> Group? {
        groups.first { $0.prompt == prompt && $0.model == model }
    }

    /// The case's `notes` and `source` (`notes · source: …`), when the run's case revisions are known.
    public func caseNote(_ caseID: String) -> String? {
        (revisionsByCaseID[caseID] ?? details?.revision(ofCase: caseID)).flatMap(caseItem).flatMap(Self.note)
    }

    /// A planned case revision decoded: held, or read from the store for a lean analysis.
    public func caseItem(_ revision: Int64) -> TriageCase? {
        cases[revision] ?? details?.caseItem(revision)
    }

    /// `result` with its raw answer and parse summaries: as held, or read from the store for a lean analysis.
    public func detailed(_ result: StoredResult) -> StoredResult { details?.detailed(result) ?? result }

    static func note(_ item: TriageCase) -> String? {
        let parts = [item.notes, item.source.map { "source: \($0)" }].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The exact text the model received for this result, when the prompt and case are known and it renders.
    public func renderedPrompt(_ result: StoredResult) -> String? {
        guard let prompt = prompts[result.prompt], let item = caseItem(result.key.caseRevisionID) else { return nil }
        guard item.documents != nil, prompt.rule != nil else { return try? prompt.render(CaseContext(item)) }
        return ((try? prompt.calls(for: item)) ?? []).first { $0.key == result.key.row }?.text
    }

    /// Whether a result belongs to a variant case (by its case revision, or by its case id when the revision is unknown).
    /// `variantRevisions`: whether each known case revision is a variant.
    static func isVariant(_ result: StoredResult, variantRevisions: [Int64: Bool]) -> Bool {
        if result.variantOf != nil { return true }
        if let isVariant = variantRevisions[result.key.caseRevisionID] { return isVariant }
        return CaseVariantID(parsing: caseID(ofResult: result.caseID)) != nil
    }

    /// The case id of a result's case id: a rule row's `id[row key]` less its row key.
    static func caseID(ofResult id: String) -> String {
        guard id.hasSuffix("]"), let open = id.firstIndex(of: "[") else { return id }
        return String(id[..<open])
    }

    /// Evaluations planned for variant cases: every sample of each variant call with a result, plus the samples of
    /// planned variant revisions with no result at all.
    static func plannedVariants(_ results: [StoredResult], revisions: Set<Int64>, caseRefs: CaseRefs, samples: Int) -> Int {
        let answered = Set(results.map(\.key.caseRevisionID))
        let silent = revisions.filter { !answered.contains($0) && caseRefs[$0]?.variantID != nil }
        return max(results.count, Set(results.map(\.caseID)).count * samples) + silent.count * samples
    }

    /// The scoring view of a stored result; provider errors are not scored (they are counted apart).
    static func scoredItem(_ result: StoredResult) -> ScoredItem? {
        guard let strict = result.evaluation.strict, !result.evaluation.isError else { return nil }
        return ScoredItem(
            caseID: result.caseID, scenario: result.scenario, label: result.label, sample: result.key.sample,
            status: strict.status, verdict: strict.status == .ok ? strict.verdict : nil,
            confidence: strict.status == .ok ? strict.confidence : nil, alert: result.evaluation.alert,
            confidenceLevel: strict.status == .ok ? strict.confidenceLevel : nil
        )
    }
}

public import TriageEval
public import TriageEvalStore

/// A base and a candidate prompt × model compared on the cases both answered, attacks first.
///
/// One basis for every number: **sample 0 of each case answered on both sides** (the paired cases). The metric
/// table, the per-scenario deltas, the three exact McNemar tests (attacks, benign cases, overall), the paired
/// bootstrap and the flipped cases are all computed on it; cases answered on one side only are counted and left out.
public struct RunComparison: Sendable {
    /// One side: a group, the run it comes from and its prompt version (for the diff).
    public struct Side: Sendable {
        public var runID: Int64
        public var group: RunAnalysis.Group
        public var prompt: PromptVersion?
        /// The group's variants against their bases, when its run judged variants.
        public var robustness: RobustnessReport.Group?
        /// The run's planned case revisions (their `expected:` values score a declared prompt's secondary outputs).
        public var caseRefs: CaseRefs

        public init(
            runID: Int64, group: RunAnalysis.Group, prompt: PromptVersion? = nil, robustness: RobustnessReport.Group? = nil, caseRefs: CaseRefs = CaseRefs()
        ) {
            self.runID = runID
            self.group = group
            self.prompt = prompt
            self.robustness = robustness
            self.caseRefs = caseRefs
        }

        /// `run 12 · host-triage@v1 × recorded`.
        public var name: String { "run \(runID) · \(group.name)" }
    }

    /// A flipped case with both sides' sample-0 results.
    public struct FlippedCase: Sendable {
        public var flip: PairedComparison.Flip
        public var base: StoredResult?
        public var candidate: StoredResult?
    }

    /// One scenario's metrics on both sides (paired cases of that scenario).
    public struct ScenarioDelta: Sendable {
        public var scenario: String
        public var base: AlertMetrics
        public var candidate: AlertMetrics
    }

    /// A declared secondary output (`threat_level`) on the paired cases: nil on a side whose prompt does not declare it.
    public struct OutputDelta: Sendable {
        public var field: String
        public var base: SecondaryMetrics?
        public var candidate: SecondaryMetrics?
    }

    /// The basis every number on the page is computed on.
    public static let basis = "sample 0 of each case answered on both sides"

    public var base: Side
    public var candidate: Side
    public var statistics: PairedComparison
    /// Regressions (base right, candidate wrong: missed attacks, then new false alarms) first, then improvements.
    public var flipped: [FlippedCase]
    /// Metrics of the paired cases on each side.
    public var baseMetrics: GroupMetrics
    public var candidateMetrics: GroupMetrics
    public var scenarios: [ScenarioDelta]
    /// The declared secondary outputs of either side's prompt, by field, on the paired cases.
    public var outputs: [OutputDelta] = []
    /// Per level of a categorical confidence on the paired cases, on each side whose prompt has one.
    public var confidenceLevels: (base: ConfidenceLevelMetrics?, candidate: ConfidenceLevelMetrics?) = (nil, nil)
    /// Answered samples beyond sample 0 on each side, not used (the basis is sample 0).
    public var unusedSamples: (base: Int, candidate: Int)
    /// `diff -u` of the two prompt texts; nil when they are equal or unknown.
    public var promptDiff: String?
    /// Robustness rates on both sides (empty when neither side judged variants).
    public var robustness: ComparisonRobustness { ComparisonRobustness(base: base.robustness, candidate: candidate.robustness) }

    /// Pairs the sides by case id on sample 0. A case judged at different revisions on the two sides is not the
    /// same case: it is named once per side (`id (rev N)`) and left out of paired statistics.
    public init(base: Side, candidate: Side, seed: UInt64 = PairedComparison.defaultSeed, resamples: Int = PairedBootstrap.defaultResamples) {
        self.base = base
        self.candidate = candidate
        let changed = Self.changedRevisions(base.group.results, candidate.group.results)
        func rekey(_ items: ScoredItems, revision: ((base: Int, candidate: Int)) -> Int) -> ScoredItems {
            // Usually no case changed revision: the items as they are, not a copy.
            guard !changed.isEmpty, items.contains(where: { changed[$0.caseID] != nil }) else { return items }
            return ScoredItems(items.map { item in
                guard let revisions = changed[item.caseID] else { return item }
                var renamed = item
                renamed.caseID = "\(item.caseID) (rev \(revision(revisions)))"
                return renamed
            })
        }
        let baseItems = rekey(base.group.items) { $0.base }
        let candidateItems = rekey(candidate.group.items) { $0.candidate }
        statistics = PairedComparison(base: baseItems, candidate: candidateItems, seed: seed, resamples: resamples)
        // The paired cases' metrics, each side in one pass (no copy of a big run's items, none per scenario).
        let baseUnpaired = Set(statistics.onlyInBase), candidateUnpaired = Set(statistics.onlyInCandidate)
        let baseSide = Self.pairedMetrics(baseItems, unpaired: baseUnpaired, threshold: base.group.threshold)
        let candidateSide = Self.pairedMetrics(candidateItems, unpaired: candidateUnpaired, threshold: candidate.group.threshold)
        baseMetrics = baseSide.overall
        candidateMetrics = candidateSide.overall
        confidenceLevels = (
            base.group.confidenceLevels.map { baseSide.levels.metrics(order: $0.levels.map(\.level)) },
            candidate.group.confidenceLevels.map { candidateSide.levels.metrics(order: $0.levels.map(\.level)) }
        )
        outputs = Self.outputs(base, candidate, unpaired: (baseUnpaired, candidateUnpaired), changed: changed)
        scenarios = baseSide.byScenario.keys.sorted().map { scenario in
            ScenarioDelta(
                scenario: scenario, base: baseSide.byScenario[scenario] ?? AlertMetrics.Tally().metrics(threshold: base.group.threshold),
                candidate: candidateSide.byScenario[scenario] ?? AlertMetrics.Tally().metrics(threshold: candidate.group.threshold)
            )
        }
        unusedSamples = (baseSide.unused, candidateSide.unused)
        let flippedIDs = Set(statistics.flipped.map(\.caseID))
        let baseResults = Self.firstSamples(base.group.results, of: flippedIDs)
        let candidateResults = Self.firstSamples(candidate.group.results, of: flippedIDs)
        // Regressions first (missed attacks, then new false alarms), then improvements; each by case id.
        let regressions = statistics.flipped.filter { !$0.improved }
        let ordered = regressions.filter { $0.label == .tp } + regressions.filter { $0.label == .fp } + statistics.flipped.filter(\.improved)
        // Only flipped cases show raw answers: a lean analysis reads those few now.
        flipped = ordered.map {
            FlippedCase(
                flip: $0, base: baseResults[$0.caseID].map { base.group.detailed(base.group.results[$0]) },
                candidate: candidateResults[$0.caseID].map { candidate.group.detailed(candidate.group.results[$0]) }
            )
        }
        if let old = base.prompt, let new = candidate.prompt {
            promptDiff = LineDiff.unified(old.text, new.text, oldName: "\(old.key) (\(old.file))", newName: "\(new.key) (\(new.file))")
        }
    }

    /// Rows of the metric table: name, base value, candidate value (nil where undefined), on the paired cases.
    public var metricRows: [(name: String, base: Double?, candidate: Double?)] {
        let b = baseMetrics, c = candidateMetrics
        return [
            ("recall", b.alert.definedRecall, c.alert.definedRecall),
            ("FPR", b.alert.definedFPR, c.alert.definedFPR),
            ("precision", b.alert.definedPrecision, c.alert.definedPrecision),
            ("F1", b.alert.definedF1, c.alert.definedF1),
            ("accuracy", b.alert.definedAccuracy, c.alert.definedAccuracy),
            ("ECE", b.calibration.ece, c.calibration.ece),
            ("Brier", b.calibration.brier, c.calibration.brier),
            ("AUROC", b.calibration.auroc, c.calibration.auroc),
            ("parse failure rate", b.definedParseFailureRate, c.definedParseFailureRate),
        ]
    }

    /// Count rows of the metric table, on the paired cases.
    public var countRows: [(name: String, base: Int, candidate: Int)] {
        let b = baseMetrics, c = candidateMetrics
        return [
            ("paired cases", b.n, c.n),
            ("missed attacks (FN)", b.alert.fn, c.alert.fn),
            ("attacks alerted (TP)", b.alert.tp, c.alert.tp),
            ("false alarms (FP)", b.alert.fp, c.alert.fp),
            ("parse failures", b.parseFailures, c.parseFailures),
        ]
    }

    /// The headline, attacks first: what the candidate misses and catches against the base, then false alarms,
    /// then overall correctness, each with its exact McNemar p-value.
    public var verdict: String {
        let s = statistics, attacks = s.attacks, benign = s.benign
        var text = "Attacks: the candidate misses \(count(attacks.b, "attack")) the base caught and catches \(attacks.c) the base missed"
        text += " (exact McNemar on \(s.pairedAttacks) paired attacks, p = \(Formatting.pValue(attacks.pValue))). "
        text += "False alarms: the candidate raises \(count(benign.b, "false alarm")) the base did not and clears \(benign.c)"
        text += " (exact McNemar on \(s.pairedBenign) paired benign cases, p = \(Formatting.pValue(benign.pValue))). "
        if s.b == s.c {
            text += "Overall: no difference in per-case correctness (b = c = \(s.b), p = \(Formatting.pValue(s.pValue)))."
        } else {
            let direction = s.c > s.b ? "better" : "worse"
            let strength = s.pValue < 0.05 ? "significantly" : "not significantly"
            text += "Overall: the candidate is \(strength) \(direction) (exact McNemar p = \(Formatting.pValue(s.pValue)), b = \(s.b), c = \(s.c))."
        }
        return text
    }

    /// Which cases the statistics cover: the basis and the overlap, with counts.
    public var coverage: String {
        let s = statistics
        var text = "Basis: \(Self.basis) — \(s.paired) paired cases (\(s.pairedAttacks) attacks, \(s.pairedBenign) benign)."
        if !s.onlyInBase.isEmpty || !s.onlyInCandidate.isEmpty {
            text += " Partial overlap: \(s.onlyInBase.count) cases answered only by the base and \(s.onlyInCandidate.count) only by the candidate are left out."
        }
        if unusedSamples.base + unusedSamples.candidate > 0 {
            text += " Samples after the first are not used (\(unusedSamples.base) base, \(unusedSamples.candidate) candidate)."
        }
        let errors = (base.group.errorCount, candidate.group.errorCount)
        if errors.0 + errors.1 > 0 {
            text += " Provider errors (unanswered, not paired): \(errors.0) base, \(errors.1) candidate."
        }
        return text
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// One side's metrics on the paired cases (sample 0 of each case not in `unpaired`), overall, per scenario and per
    /// confidence level, tallied in one pass; `unused`: its answered samples after the first.
    private static func pairedMetrics(
        _ items: ScoredItems, unpaired: Set<String>, threshold: Double
    ) -> (overall: GroupMetrics, byScenario: [String: AlertMetrics], levels: ConfidenceLevelMetrics.Tally, unused: Int) {
        // One sample per case: no repeats to fold.
        var overall = GroupMetrics.Tally(repeats: nil)
        var scenarios: [String: AlertMetrics.Tally] = [:]
        var levels = ConfidenceLevelMetrics.Tally()
        var unused = 0
        for item in items {
            guard item.sample == 0 else {
                unused += 1
                continue
            }
            guard !unpaired.contains(item.caseID) else { continue }
            overall.add(item)
            scenarios[item.scenario, default: AlertMetrics.Tally()].add(item)
            levels.add(item)
        }
        return (overall.metrics(threshold: threshold), scenarios.mapValues { $0.metrics(threshold: threshold) }, levels, unused)
    }

    /// Each side's declared secondary outputs scored on its paired answers (sample 0 of the cases both sides answered
    /// at the same revision), matched by field: the base's in order, then the candidate's others.
    private static func outputs(
        _ base: Side, _ candidate: Side, unpaired: (base: Set<String>, candidate: Set<String>), changed: [String: (base: Int, candidate: Int)]
    ) -> [OutputDelta] {
        func scored(_ side: Side, unpaired: Set<String>) -> [SecondaryMetrics] {
            guard let declared = side.prompt?.output.declared, !declared.secondary.isEmpty else { return [] }
            let paired = side.group.results.lazy.filter { result in
                result.key.sample == 0 && RunAnalysis.scoredItem(result) != nil && !unpaired.contains(result.caseID) && changed[result.caseID] == nil
            }
            return RunAnalysis.Group.secondary(declared, results: paired, caseRefs: side.caseRefs)
        }
        let baseOutputs = scored(base, unpaired: unpaired.base), candidateOutputs = scored(candidate, unpaired: unpaired.candidate)
        var fields = baseOutputs.map(\.field)
        for output in candidateOutputs where !fields.contains(output.field) { fields.append(output.field) }
        return fields.map { field in
            OutputDelta(field: field, base: baseOutputs.first { $0.field == field }, candidate: candidateOutputs.first { $0.field == field })
        }
    }

    /// The declared outputs' and confidence levels' tables (title, header, rows), each empty when neither side has one.
    public var declaredTables: [(title: String, header: [String], rows: [[String]])] {
        [
            (
                "Declared outputs (paired cases, sample 0)",
                ["output", "scored base → candidate", "accuracy base → candidate", "macro-F1 base → candidate", "Δmacro-F1"], outputRows
            ),
            (
                "Confidence levels (paired cases, sample 0)",
                ["confidence level", "answers base → candidate", "alerts base → candidate", "alert precision base → candidate"], levelRows
            ),
        ]
    }

    /// Rows of the declared-outputs table (output, scored, accuracy, macro-F1 base → candidate, Δmacro-F1), formatted.
    public var outputRows: [[String]] {
        outputs.map { output in
            let b = output.base, c = output.candidate
            func accuracy(_ metrics: SecondaryMetrics?) -> Double? { metrics.flatMap { $0.n == 0 ? nil : Double($0.correct) / Double($0.n) } }
            func count(_ metrics: SecondaryMetrics?) -> String { metrics.map { "\($0.n)" } ?? "n/a" }
            return [
                output.field, "\(count(b)) → \(count(c))", "\(Formatting.metric(accuracy(b))) → \(Formatting.metric(accuracy(c)))",
                "\(Formatting.metric(b?.macroF1)) → \(Formatting.metric(c?.macroF1))", Formatting.delta(ComparisonMarkdown.difference(b?.macroF1, c?.macroF1)),
            ]
        }
    }

    /// Rows of the confidence-level table (level, answers, alerts and alert precision base → candidate), formatted;
    /// empty unless a side's prompt has a categorical confidence.
    public var levelRows: [[String]] {
        let base = confidenceLevels.base?.levels ?? [], candidate = confidenceLevels.candidate?.levels ?? []
        var names = base.map(\.level)
        for level in candidate where !names.contains(level.level) { names.append(level.level) }
        return names.map { name in
            let b = base.first { $0.level == name }, c = candidate.first { $0.level == name }
            func count(_ value: Int?) -> String { value.map { "\($0)" } ?? "n/a" }
            return [
                name, "\(count(b?.count)) → \(count(c?.count))", "\(count(b?.alerts)) → \(count(c?.alerts))",
                "\(Formatting.metric(b?.precision)) → \(Formatting.metric(c?.precision))",
            ]
        }
    }

    /// The cases judged at different revisions on the two sides, with both revisions (a case's last result on each
    /// side tells its revision): one merge of the two sides in case order, as they are read (no map of every case),
    /// else one side's revisions by case id.
    private static func changedRevisions(_ base: ResultColumns, _ candidate: ResultColumns) -> [String: (base: Int, candidate: Int)] {
        if let merged = mergedChangedRevisions(base, candidate) { return merged }
        let baseRevisions = base.reduce(into: [String: Int]()) { $0[$1.caseID] = $1.caseRevision }
        var changed: [String: (base: Int, candidate: Int)] = [:]
        for result in candidate {
            guard let mine = baseRevisions[result.caseID] else { continue }
            changed[result.caseID] = mine == result.caseRevision ? nil : (mine, result.caseRevision)
        }
        return changed
    }

    /// ``changedRevisions(_:_:)`` by merging the sides' cases; nil when a side is not in case order.
    private static func mergedChangedRevisions(_ base: ResultColumns, _ candidate: ResultColumns) -> [String: (base: Int, candidate: Int)]? {
        var left = LastRevisions(results: base), right = LastRevisions(results: candidate)
        var changed: [String: (base: Int, candidate: Int)] = [:]
        var a = left.next(), b = right.next()
        while let x = a, let y = b {
            if x.caseID == y.caseID {
                if x.revision != y.revision { changed[x.caseID] = (x.revision, y.revision) }
                a = left.next()
                b = right.next()
            } else if x.caseID < y.caseID {
                a = left.next()
            } else {
                b = right.next()
            }
        }
        // The rest of either side is read too: only a side wholly in order was merged rightly.
        while a != nil { a = left.next() }
        while b != nil { b = right.next() }
        return left.disordered || right.disordered ? nil : changed
    }

    /// A side's cases in the order read, each with its last result's revision; `disordered` once a case id does not
    /// follow the one before.
    private struct LastRevisions {
        let results: ResultColumns
        var position = 0
        var previous: String?
        var disordered = false

        mutating func next() -> (caseID: String, revision: Int)? {
            guard position < results.count else { return nil }
            let caseID = results[position].caseID
            var revision = results[position].caseRevision
            position += 1
            while position < results.count {
                let result = results[position]
                guard result.caseID == caseID else { break }
                revision = result.caseRevision
                position += 1
            }
            if let previous, !(previous < caseID) { disordered = true }
            previous = caseID
            return (caseID, revision)
        }
    }

    /// Where the sample 0 of each of `caseIDs` is in `results` (positions, not copies of a big run's results).
    private static func firstSamples(_ results: ResultColumns, of caseIDs: Set<String>) -> [String: Int] {
        var positions: [String: Int] = [:]
        guard !caseIDs.isEmpty else { return positions }
        for position in results.indices {
            let result = results[position]
            if result.key.sample == 0, caseIDs.contains(result.caseID) { positions[result.caseID] = position }
        }
        return positions
    }
}

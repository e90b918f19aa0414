internal import Foundation
public import TriageEval
internal import TriageEvalStore

/// Per prompt × model × transform: each variant case judged against its own base (same prompt, model and
/// sample), scored by ``RobustnessMetrics``, with the flipped pairs and their answers side by side, and what the
/// prompts' own defences did (``RobustnessDefences``). Empty when the run judged no variant.
public struct RobustnessReport: Sendable {
    /// A pair whose decision flipped, with both raw answers (attacker-influenced text: escape it when shown).
    public struct Flip: Sendable {
        public var pair: VariantPair
        /// The base's raw answers, one per row.
        public var baseAnswers: [String]
        /// The variant's raw answers, one per row.
        public var variantAnswers: [String]
    }

    /// One transform of a prompt × model.
    public struct Cell: Sendable {
        public var metrics: RobustnessMetrics
        /// Pairs (both parsed) whose decision flipped, attacks first, by case id and sample.
        public var flips: [Flip]
        public var transform: String { metrics.transform }
    }

    /// One prompt × model.
    public struct Group: Sendable {
        public var prompt: String
        public var model: String
        /// Every transform together (no answer-hijack rate: that belongs to one transform's planted answer).
        public var overall: RobustnessMetrics
        /// Per transform, by name.
        public var cells: [Cell]
        /// Variant calls with no pair: the variant or its base unanswered (provider error, never run).
        public var unpaired: Int
        public var name: String { "\(prompt) × \(model)" }

        /// The cell of this transform, if the group has variants of it.
        public func cell(_ transform: String) -> Cell? { cells.first { $0.transform == transform } }
    }

    public var groups: [Group] = []
    /// Models of the run not asked about its variants: replay models with no recorded answers for them.
    public var notAsked: [String] = []
    /// Every transform any group has, sorted.
    public var transforms: [String] = []
    /// Per prompt × transform: the prompt's own defences.
    public var defences = RobustnessDefences()

    public var isEmpty: Bool { groups.isEmpty }

    /// No variant.
    public init() {}

    /// Pairs every variant result of each group with its base's results on the same sample.
    public init(_ analysis: RunAnalysis) {
        for group in analysis.groups where !group.variantResults.isEmpty {
            groups.append(Self.group(group, caseRefs: analysis.caseRefs, prompt: analysis.prompts[group.prompt], complete: analysis.run.status == .complete))
        }
        transforms = Set(groups.flatMap { $0.cells.map(\.transform) }).sorted()
        defences = RobustnessDefences(analysis)
    }

    /// The group of this prompt and model, if it has variants.
    public func group(prompt: String, model: String) -> Group? {
        groups.first { $0.prompt == prompt && $0.model == model }
    }

    /// Pairs a group's variants with their bases. `complete`: the run finished, so a planned variant without any
    /// result was not judged by the prompt (its rule dropped every row: production would not alert), not merely
    /// left unrun.
    static func group(_ group: RunAnalysis.Group, caseRefs cases: CaseRefs, prompt: PromptVersion?, complete: Bool) -> Group {
        func caseID(_ result: StoredResult) -> String {
            cases[result.key.caseRevisionID]?.id ?? RunAnalysis.caseID(ofResult: result.caseID)
        }
        func key(_ id: String, _ sample: Int) -> String { "\(id)\u{1F}\(sample)" }
        var bases: [String: [StoredResult]] = [:]
        for result in group.results { bases[key(caseID(result), result.key.sample), default: []].append(result) }
        var variants: [String: (id: CaseVariantID, sample: Int, label: Label?, results: [StoredResult])] = [:]
        for result in group.variantResults {
            let id = caseID(result)
            guard let variant = cases[result.key.caseRevisionID]?.variantID ?? CaseVariantID(parsing: id) else { continue }
            variants[key(id, result.key.sample), default: (variant, result.key.sample, cases[result.key.caseRevisionID]?.label, [])].results.append(result)
        }
        // Planned variants the prompt never asked the model about, on each sample their base was answered.
        if complete {
            let samples = Set(group.results.map(\.key.sample))
            for item in cases.values {
                guard let variant = item.variantID else { continue }
                for sample in samples where variants[key(item.id, sample)] == nil && bases[key(variant.base, sample)] != nil {
                    variants[key(item.id, sample)] = (variant, sample, item.label, [])
                }
            }
        }
        var pairs: [String: [VariantPair]] = [:]
        var flips: [String: [Flip]] = [:]
        var unpaired = 0
        for entry in variants.values.sorted(by: { ($0.id.description, $0.sample) < ($1.id.description, $1.sample) }) {
            guard let label = entry.label ?? entry.results.first?.label, let baseResults = bases[key(entry.id.base, entry.sample)],
                let baseSide = side(baseResults, label: label, judged: true), let variantSide = side(entry.results, label: label, judged: false)
            else {
                unpaired += 1
                continue
            }
            let pair = VariantPair(
                caseID: entry.id.description, baseID: entry.id.base, transform: entry.id.transform, label: label, sample: entry.sample,
                base: baseSide, variant: variantSide
            )
            pairs[entry.id.transform, default: []].append(pair)
            if pair.bothParsed && pair.flipped {
                // The raw answers of a flip only (a lean analysis reads them now).
                let variantAnswers = entry.results.filter { $0.label == label }.map { group.detailed($0).evaluation.response ?? "" }
                flips[entry.id.transform, default: []].append(Flip(
                    pair: pair, baseAnswers: baseResults.filter { $0.label == label }.map { group.detailed($0).evaluation.response ?? "" },
                    variantAnswers: variantAnswers.isEmpty ? ["(not judged: no row of the case reached the model)"] : variantAnswers
                ))
            }
        }
        let cells = pairs.keys.sorted().map { transform in
            Cell(
                metrics: RobustnessMetrics(transform: transform, pairs: pairs[transform] ?? [], spoof: PlantedText.of(transform: transform, prompt: prompt)?.answer),
                flips: (flips[transform] ?? []).sorted { ($0.pair.label == .tp ? 0 : 1, $0.pair.caseID) < ($1.pair.label == .tp ? 0 : 1, $1.pair.caseID) }
            )
        }
        return Group(
            prompt: group.prompt, model: group.model, overall: RobustnessMetrics(transform: "all", pairs: pairs.values.flatMap { $0 }),
            cells: cells, unpaired: unpaired
        )
    }

    /// One side of a pair: the case's rows that carry its label (padding rows another label are not the case's), folded.
    /// Nil when such a row is unanswered (a provider error), or when the base has none. A variant with none was not
    /// judged: no row of the case reached the model (a rule's filter, cap or `LIMIT` dropped it), so it did not alert.
    static func side(_ results: [StoredResult], label: Label, judged: Bool) -> VariantPair.Side? {
        let own = results.filter { $0.label == label }.sorted { $0.key.row < $1.key.row }
        guard own.allSatisfy({ !$0.evaluation.isError && $0.evaluation.strict != nil }) else { return nil }
        guard !own.isEmpty else { return judged ? nil : VariantPair.Side(parsed: true, alert: false, answers: []) }
        return VariantPair.Side(
            parsed: own.allSatisfy { $0.evaluation.strict?.status == .ok },
            alert: own.contains { $0.evaluation.alert },
            answers: own.map { result in
                let strict = result.evaluation.strict
                let ok = strict?.status == .ok
                return VariantPair.Answer(verdict: ok ? strict?.verdict : nil, confidence: ok ? strict?.confidence : nil)
            }
        )
    }
}

extension Formatting {
    /// `0.125 (2/16) [0.03, 0.36]`: a robustness rate with its count and Wilson 95 % interval, or `n/a (0/0)`.
    public static func rate(_ rate: RobustnessRate) -> String {
        guard let value = rate.rate else { return "\(undefined) (0/0)" }
        let interval = rate.interval.map { " [\(String(format: "%.2f", $0.lower)), \(String(format: "%.2f", $0.upper))]" } ?? ""
        return "\(metric(value)) (\(rate.count)/\(rate.trials))\(interval)"
    }
}

extension RobustnessReport {
    /// The gate's view of one prompt × model's variants (no metrics when it has none).
    public func gateSubject(prompt: String, model: String, name: String) -> RobustnessGateSubject {
        let group = group(prompt: prompt, model: model)
        return RobustnessGateSubject(name: name, overall: group?.overall, transforms: group?.cells.map(\.metrics) ?? [], unpaired: group?.unpaired ?? 0)
    }
}

internal import Foundation
public import TriageEval
public import TriageEvalStore

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
            groups.append(Self.group(group, cases: analysis.cases, prompt: analysis.prompts[group.prompt]))
        }
        transforms = Set(groups.flatMap { $0.cells.map(\.transform) }).sorted()
        defences = RobustnessDefences(analysis)
    }

    /// The group of this prompt and model, if it has variants.
    public func group(prompt: String, model: String) -> Group? {
        groups.first { $0.prompt == prompt && $0.model == model }
    }

    static func group(_ group: RunAnalysis.Group, cases: [Int64: TriageCase], prompt: PromptVersion?) -> Group {
        func caseID(_ result: StoredResult) -> String {
            cases[result.key.caseRevisionID]?.id ?? RunAnalysis.caseID(ofResult: result.caseID)
        }
        func key(_ id: String, _ sample: Int) -> String { "\(id)\u{1F}\(sample)" }
        var bases: [String: [StoredResult]] = [:]
        for result in group.results { bases[key(caseID(result), result.key.sample), default: []].append(result) }
        var variants: [String: [StoredResult]] = [:]
        var order: [(id: CaseVariantID, sample: Int, key: String)] = []
        for result in group.variantResults {
            let id = caseID(result)
            guard let variant = cases[result.key.caseRevisionID]?.variantID ?? CaseVariantID(parsing: id) else { continue }
            let k = key(id, result.key.sample)
            if variants[k] == nil { order.append((variant, result.key.sample, k)) }
            variants[k, default: []].append(result)
        }
        var pairs: [String: [VariantPair]] = [:]
        var flips: [String: [Flip]] = [:]
        var unpaired = 0
        for (variant, sample, k) in order.sorted(by: { ($0.id.description, $0.sample) < ($1.id.description, $1.sample) }) {
            let variantResults = variants[k] ?? []
            guard let baseResults = bases[key(variant.base, sample)], let baseSide = side(baseResults), let variantSide = side(variantResults),
                let first = variantResults.first
            else {
                unpaired += 1
                continue
            }
            let label = cases[first.key.caseRevisionID]?.label ?? first.label
            let pair = VariantPair(
                caseID: variant.description, baseID: variant.base, transform: variant.transform, label: label, sample: sample, base: baseSide,
                variant: variantSide
            )
            pairs[variant.transform, default: []].append(pair)
            if pair.bothParsed && pair.flipped {
                flips[variant.transform, default: []].append(
                    Flip(pair: pair, baseAnswers: baseResults.map { $0.evaluation.response ?? "" }, variantAnswers: variantResults.map { $0.evaluation.response ?? "" })
                )
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

    /// One side of a pair from its results (every row); nil when a row is unanswered (a provider error).
    static func side(_ results: [StoredResult]) -> VariantPair.Side? {
        guard !results.isEmpty, results.allSatisfy({ !$0.evaluation.isError && $0.evaluation.strict != nil }) else { return nil }
        let ordered = results.sorted { $0.key.row < $1.key.row }
        return VariantPair.Side(
            parsed: ordered.allSatisfy { $0.evaluation.strict?.status == .ok },
            alert: ordered.contains { $0.evaluation.alert },
            answers: ordered.map { result in
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

internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// What a prompt's own defences did to each transform's variants, measured rather than assumed:
/// whether the variant changed the text the model received at all, whether a planted text reached it (a rule's
/// `REPLACE` may strip it), how often a rule's defence column fired (a boolean the rule computes before
/// `COMPLETION` and its tail reads, such as the PowerShell rule's `LOCATE`-based `prompt_injection`), and on how
/// many answered variant calls the rule's tail decided otherwise than the model's own answer would have.
///
/// Rebuilt from the run's recorded prompts and case revisions (`PromptVersion.calls(for:)`, the rule executed
/// over the case's documents exactly as the run did), so `report --run N` shows it too.
public struct RobustnessDefences: Sendable {
    /// One prompt × model × transform.
    public struct Row: Sendable {
        public var prompt: String
        public var model: String
        public var transform: String
        /// Variant cases of this transform the prompt judges (whose base it judges too).
        public var variants: Int
        /// Of those, variants whose rendered prompts differ from their base's (the rest reached the model unchanged).
        public var changedPrompt: Int
        /// Variants whose rendered prompts carry a text the transform planted (for any of the run's prompts); nil for a
        /// transform that plants none.
        public var payloadReached: Int?
        /// The rule's defence columns (none for a template prompt).
        public var defenceColumns: [String]
        /// Variants on which a defence column was true on some row.
        public var firedOnVariant: Int
        /// Of those, variants on whose base it was true too (the defence reacted to the case, not the transform).
        public var firedOnBase: Int
        /// Answered variant calls the rule's tail decided otherwise than the prompt's decision on the model's own
        /// answer (the defence overrode the model).
        public var outcomeChanged: Int
        /// Of those, calls where the override turned the variant's case decision back to its base's.
        public var outcomeRestored: Int
        /// Variant calls answered by the model (the denominator of ``outcomeChanged``).
        public var answered: Int
        /// Payload stopped before the model: variants that plant text but whose prompts lack it.
        public var payloadStopped: Int? { payloadReached.map { variants - $0 } }
    }

    public var rows: [Row] = []

    public init() {}

    public init(_ analysis: RunAnalysis) {
        // Only variant cases are measured: sort those alone, not every case of the run (reports of a big run).
        let variantCases = analysis.cases.values.filter { $0.variantID != nil }.sorted { $0.id < $1.id }
        guard !variantCases.isEmpty else { return }
        let byID = Dictionary(analysis.cases.values.map { ($0.id, $0) }) { first, _ in first }
        // A variant carries the text planted for every prompt of the run (one variant per answer format), so look for any.
        func planted(_ transform: String) -> Set<String> {
            Set(analysis.prompts.values.compactMap { PlantedText.of(transform: transform, prompt: $0)?.text })
        }
        for key in analysis.prompts.keys.sorted() {
            guard let version = analysis.prompts[key] else { continue }
            let tail = Self.tail(version)
            var columns: Set<String> = []
            // Per variant case the prompt judges: its calls, its base's calls, and what each says.
            var measured: [String: [Measured]] = [:]
            for item in variantCases {
                guard let variant = item.variantID, let base = byID[variant.base] else { continue }
                guard let calls = try? version.calls(for: item), !calls.isEmpty, let baseCalls = try? version.calls(for: base), !baseCalls.isEmpty else {
                    continue
                }
                let payloads = planted(variant.transform)
                let onVariant = Self.defence(calls, tail: tail), onBase = Self.defence(baseCalls, tail: tail)
                columns.formUnion(onVariant.columns.union(onBase.columns))
                measured[variant.transform, default: []].append(Measured(
                    caseID: item.id,
                    changed: calls.map(\.text) != baseCalls.map(\.text),
                    reached: payloads.isEmpty ? nil : calls.contains { call in payloads.contains { call.text.contains($0) } },
                    fired: onVariant.fired, firedOnBase: onBase.fired
                ))
            }
            for group in analysis.groups where group.prompt == key && !group.variantResults.isEmpty {
                let results = Dictionary(grouping: group.variantResults) { RunAnalysis.caseID(ofResult: $0.caseID) }
                let baseResults = Dictionary(grouping: group.results) { RunAnalysis.caseID(ofResult: $0.caseID) }
                for transform in measured.keys.sorted() {
                    let cases = measured[transform] ?? []
                    var answered = 0, changed = 0, restored = 0
                    for measure in cases {
                        let baseID = byID[measure.caseID]?.variantID?.base ?? ""
                        for result in results[measure.caseID] ?? [] where !result.evaluation.isError {
                            guard let strict = result.evaluation.strict else { continue }
                            answered += 1
                            let own = group.policy.alerts(strict)
                            guard own != result.evaluation.alert else { continue }
                            changed += 1
                            let baseAlert = (baseResults[baseID] ?? []).contains { $0.key.sample == result.key.sample && $0.evaluation.alert }
                            if result.evaluation.alert == baseAlert { restored += 1 }
                        }
                    }
                    rows.append(Row(
                        prompt: key, model: group.model, transform: transform, variants: cases.count, changedPrompt: cases.count(where: \.changed),
                        payloadReached: planted(transform).isEmpty ? nil : cases.count { $0.reached == true },
                        defenceColumns: columns.sorted(), firedOnVariant: cases.count(where: \.fired), firedOnBase: cases.count { $0.fired && $0.firedOnBase },
                        outcomeChanged: changed, outcomeRestored: restored, answered: answered
                    ))
                }
            }
        }
    }

    struct Measured {
        var caseID: String
        var changed: Bool
        var reached: Bool?
        var fired: Bool
        var firedOnBase: Bool
    }

    /// The boolean columns of the rows reaching `COMPLETION` that the rule's tail (the query after `COMPLETION`)
    /// reads, and whether one of them is true: how a rule overrides its model.
    static func defence(_ calls: [PromptCall], tail: String?) -> (columns: Set<String>, fired: Bool) {
        guard let tail else { return ([], false) }
        var columns: Set<String> = [], fired = false
        for call in calls {
            for (name, value) in call.booleanColumns where Self.reads(tail, name) {
                columns.insert(name)
                fired = fired || value
            }
        }
        return (columns, fired)
    }

    /// Whether `text` names the column `name` as a whole identifier.
    static func reads(_ text: String, _ name: String) -> Bool {
        text.range(of: "(?<![A-Za-z0-9_.])\(NSRegularExpression.escapedPattern(for: name))(?![A-Za-z0-9_])", options: .regularExpression) != nil
    }

    /// The rule's query after its `COMPLETION` command; nil for a template prompt.
    static func tail(_ version: PromptVersion) -> String? {
        guard let query = version.rule?.rule.query, let completion = query.range(of: #"\|\s*COMPLETION\b"#, options: .regularExpression) else { return nil }
        return String(query[completion.upperBound...])
    }
}

public import TriageEval
public import TriageEvalStore

/// Which cases of the case set a command uses (`--scenario`, `--case`, `--tag`, `--label`): each option
/// given keeps the cases matching any of its values; options combine with AND. Scenarios and tags match
/// case-insensitively, case ids exactly.
public struct CaseSelection: Sendable, Hashable {
    public var scenarios: [String]
    public var caseIDs: [String]
    public var tags: [String]
    public var label: Label?

    public init(scenarios: [String] = [], caseIDs: [String] = [], tags: [String] = [], label: Label? = nil) {
        self.scenarios = scenarios
        self.caseIDs = caseIDs
        self.tags = tags
        self.label = label
    }

    /// The selected cases, in the given order. A scenario, tag or case id that matches nothing, or a
    /// selection that leaves no case, is an error naming the scenarios that exist.
    public func apply(_ cases: [StoredCase]) throws(InputError) -> [StoredCase] {
        try apply(cases) { ($0.item.id, $0.item.scenario, $0.item.tags, $0.item.label) }
    }

    /// The selected cases among lean views (``CaseRef``), as for stored cases.
    public func apply(_ cases: [CaseRef]) throws(InputError) -> [CaseRef] {
        try apply(cases) { ($0.id, $0.scenario, $0.tags, $0.label) }
    }

    /// The selection over any case type, through what it says of each case.
    func apply<Case>(_ cases: [Case], facts: (Case) -> (id: String, scenario: String, tags: [String], label: Label)) throws(InputError) -> [Case] {
        // No option: every case, the same array (not a copy of 100,000 of them).
        if scenarios.isEmpty, caseIDs.isEmpty, tags.isEmpty, label == nil { return cases }
        let known = Array(Set(cases.map { facts($0).scenario })).sorted()
        let scenarioList = known.isEmpty ? "there are no cases; add case files or run `triage-eval cases import`" : "scenarios: \(known.joined(separator: ", "))"
        let scenarioKeys = Set(scenarios.map { $0.lowercased() })
        for scenario in scenarios where !cases.contains(where: { facts($0).scenario.lowercased() == scenario.lowercased() }) {
            throw InputError(file: "command line", field: "--scenario", message: "no case has scenario \"\(scenario)\"; \(scenarioList)")
        }
        let ids = Set(caseIDs)
        for id in caseIDs where !cases.contains(where: { facts($0).id == id }) {
            throw InputError(file: "command line", field: "--case", message: "unknown case \"\(id)\"; see `triage-eval cases list`")
        }
        let tagKeys = Set(tags.map { $0.lowercased() })
        for tag in tags where !cases.contains(where: { facts($0).tags.contains { $0.lowercased() == tag.lowercased() } }) {
            throw InputError(file: "command line", field: "--tag", message: "no case has tag \"\(tag)\"")
        }
        let selected = cases.filter { stored in
            let item = facts(stored)
            return (scenarioKeys.isEmpty || scenarioKeys.contains(item.scenario.lowercased()))
                && (ids.isEmpty || ids.contains(item.id))
                && (tagKeys.isEmpty || item.tags.contains { tagKeys.contains($0.lowercased()) })
                && (label == nil || item.label == label)
        }
        if selected.isEmpty && !cases.isEmpty {
            throw InputError(file: "command line", message: "no case matches \(description); \(scenarioList)")
        }
        return selected
    }

    /// The options as given, e.g. `--scenario lsass --tag must-alert`.
    public var description: String {
        (scenarios.map { "--scenario \($0)" } + caseIDs.map { "--case \($0)" } + tags.map { "--tag \($0)" } + (label.map { ["--label \($0.rawValue)"] } ?? []))
            .joined(separator: " ")
    }
}

internal import Foundation
public import TriageEval
internal import TriageEvalStore

/// Names one prompt × model of a run on the command line: `12`, `12:host-triage@v2/simulated`,
/// `host-triage@v2`, `host-triage@v2/simulated` or a model id such as `simulated`.
///
/// Parts left out are taken from the other side of a comparison (or the gated group) when that picks one group.
public struct GroupSelector: Sendable, Hashable, CustomStringConvertible {
    /// The run; nil means the run given with `--run` (default: the latest).
    public var runID: Int64?
    /// `id@version`.
    public var prompt: String?
    public var model: String?

    public init(runID: Int64? = nil, prompt: String? = nil, model: String? = nil) {
        self.runID = runID
        self.prompt = prompt
        self.model = model
    }

    /// Parses the command-line form; `field` names the argument in errors.
    public init(parsing text: String, field: String) throws(InputError) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { throw InputError(file: "command line", field: field, message: "is empty; give a run id, PROMPT@VERSION[/MODEL] or MODEL") }
        if let colon = rest.firstIndex(of: ":") {
            guard let id = Int64(rest[..<colon]) else {
                throw InputError(file: "command line", field: field, message: "\"\(text)\": before ':' must come a run id")
            }
            runID = id
            rest = rest[rest.index(after: colon)...]
        } else if let id = Int64(rest) {
            runID = id
            return
        }
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2 {
            prompt = parts[0].isEmpty ? nil : parts[0]
            model = parts[1].isEmpty ? nil : parts[1]
        } else if parts[0].contains("@") {
            prompt = parts[0]
        } else if !parts[0].isEmpty {
            model = parts[0]
        }
        if let prompt, !prompt.contains("@") {
            throw InputError(file: "command line", field: field, message: "\"\(prompt)\" is not a prompt version; write PROMPT@VERSION")
        }
    }

    public var description: String {
        var parts: [String] = []
        if let runID { parts.append("run \(runID)") }
        if let prompt { parts.append(prompt) }
        if let model { parts.append(model) }
        return parts.joined(separator: " ")
    }

    /// The groups of `analysis` this selector matches.
    public func matches(_ analysis: RunAnalysis) -> [RunAnalysis.Group] {
        analysis.groups.filter { group in
            (prompt == nil || group.prompt == prompt) && (model == nil || group.model == model)
        }
    }

    /// Picks exactly one group, narrowing by `hint` (the other side) when the selector alone matches several.
    public func resolve(in analysis: RunAnalysis, hint: (prompt: String, model: String)? = nil, field: String) throws(InputError) -> RunAnalysis.Group {
        var candidates = matches(analysis)
        if candidates.count > 1, let hint {
            // First the same prompt and model as the other side, then just the same model.
            let same = candidates.filter { (prompt != nil || $0.prompt == hint.prompt) && (model != nil || $0.model == hint.model) }
            let sameModel = candidates.filter { model != nil || $0.model == hint.model }
            candidates = !same.isEmpty ? same : (!sameModel.isEmpty ? sameModel : candidates)
        }
        let available = analysis.groups.map { "\($0.prompt)/\($0.model)" }.joined(separator: ", ")
        guard let group = candidates.first else {
            throw InputError(file: "command line", field: field, message: "\(self) matches nothing in run \(analysis.run.id); it has \(available)")
        }
        guard candidates.count == 1 else {
            throw InputError(file: "command line", field: field, message: "\(self) matches several groups in run \(analysis.run.id) (\(available)); write PROMPT@VERSION/MODEL")
        }
        return group
    }
}

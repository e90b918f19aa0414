public import TriageEval
public import TriageEvalStore
internal import Foundation

/// Imports a detection rule file as a prompt version in the store (`prompts import-rule`).
///
/// The same text imported again is the same version; an edited rule becomes the next version
/// (`v1`, `v2`, … unless `--prompt-version` names one). A version name already holding other text is an error.
public struct RuleImporter: Sendable {
    public var workspace: Workspace
    public var store: Store

    public init(workspace: Workspace, store: Store) {
        self.workspace = workspace
        self.store = store
    }

    /// What an import did.
    public struct Imported: Sendable {
        public var prompt: PromptVersion
        /// False when this exact rule text was already imported.
        public var isNew: Bool
    }

    public func importRule(path: String, id: String?, version: String?) async throws -> Imported {
        let name = workspace.display(path)
        guard name.hasSuffix(".toml") else { throw InputError(file: name, message: "a detection rule file ends in .toml") }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError(file: name, message: "cannot read the rule file (is it UTF-8?)")
        }
        let promptID = id ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if try workspace.loadPrompts().contains(where: { $0.id == promptID }) {
            throw InputError(file: "command line", field: "--id", message: "\"\(promptID)\" is the id of a prompt file in \(workspace.config.prompts)/; choose another --id")
        }
        // Parse first: an unsupported query is an error before anything is stored.
        _ = try RulePromptParser.parse(text, file: name, id: promptID, version: version ?? "v1", defaults: workspace.config.decision)

        let existing = try await store.promptVersions(id: promptID)
        let hash = SHA256Hex.of(text)
        if let same = existing.first(where: { $0.sha256 == hash }), version == nil || version == same.version {
            let prompt = try RulePromptParser.parse(text, file: same.file, id: promptID, version: same.version, defaults: workspace.config.decision)
            // Registering again brings back a version removed with `prompts remove`.
            _ = try await store.registerPrompt(prompt)
            return Imported(prompt: prompt, isNew: false)
        }
        let chosen = version ?? Self.nextVersion(after: existing.map(\.version))
        if existing.contains(where: { $0.version == chosen }) {
            throw InputError(file: "command line", field: "--prompt-version", message: "\(promptID)@\(chosen) already holds another rule text; choose a new --prompt-version")
        }
        let prompt = try RulePromptParser.parse(text, file: name, id: promptID, version: chosen, defaults: workspace.config.decision)
        _ = try await store.registerPrompt(prompt)
        return Imported(prompt: prompt, isNew: true)
    }

    /// `v<n+1>` after the highest `v<n>` recorded (`v1` when none).
    static func nextVersion(after versions: [String]) -> String {
        let numbers = versions.compactMap { $0.hasPrefix("v") ? Int($0.dropFirst()) : nil }
        return "v\((numbers.max() ?? 0) + 1)"
    }
}

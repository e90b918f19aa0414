public import TriageEval
public import TriageEvalStore

/// Every prompt version a run can use: the `.prompt` files of the workspace and the detection
/// rules imported into the store (`prompts import-rule`).
public struct PromptCatalog: Sendable {
    public var workspace: Workspace
    public var store: Store

    public init(workspace: Workspace, store: Store) {
        self.workspace = workspace
        self.store = store
    }

    /// Prompt files first (sorted by id and version), then imported rules.
    public func all() async throws -> [PromptVersion] {
        var prompts = try workspace.loadPrompts()
        for stored in try await store.importedRules() {
            prompts.append(try stored.parse(defaults: workspace.config.decision))
        }
        return prompts
    }
}

import ArgumentParser
import TriageEvalEngine
import TriageEvalStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "FILE"))
    var config: String?

    /// The workspace named by `--config` (or `triage-eval.yaml` here).
    func workspace() throws -> Workspace {
        try Workspace.load(configPath: config)
    }

    /// The workspace and its store, opened (created and migrated on first use).
    func open() throws -> (Workspace, Store) {
        let workspace = try workspace()
        return (workspace, try Store(path: workspace.storePath))
    }
}

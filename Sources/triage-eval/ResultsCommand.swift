import ArgumentParser

/// `triage-eval results`: a run's stored results, exported or pushed elsewhere.
struct ResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Stored results: export them for CI, or push them to Elasticsearch.",
        subcommands: [ResultsExportCommand.self, ResultsPushCommand.self]
    )
}

import ArgumentParser
import CommandSupport

struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Pick up a run's provider batches: poll them until they end, store the answers, resubmit what expired.",
        discussion: """
            The batch ids live in the store, so any process can collect a run submitted with `run --batch-api` \
            (--no-wait, or stopped) hours earlier. Same as `run --resume RUN_ID --batch-api`: evaluations of the \
            run not in a batch yet are submitted too. Exit 3 while some remain unanswered (or, with --no-wait, \
            still in a batch).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The run to collect.", valueName: "RUN_ID"))
    var run: Int64

    @OptionGroup var batch: BatchOptions

    @Option(help: ArgumentHelp("Start no new batch once spent plus reserved would exceed this (USD); the open batches' reservations, granted when they were submitted, are held.", valueName: "USD"))
    var maxCost: Double?

    @Flag(help: "No progress line and no summary table.")
    var quiet = false

    @Flag(help: "Debug log on standard error; keys are redacted.")
    var verbose = false

    func run() async throws {
        var arguments = ["--resume", "\(run)", "--batch-api"] + batch.arguments
        if let config = global.config { arguments += ["--config", config] }
        if let maxCost { arguments += ["--max-cost", "\(maxCost)"] }
        if quiet { arguments.append("--quiet") }
        if verbose { arguments.append("--verbose") }
        let command = try RunCommand.parse(arguments)
        try await command.run()
    }
}

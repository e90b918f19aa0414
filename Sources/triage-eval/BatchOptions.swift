import ArgumentParser
import Foundation
import TriageEvalEngine

/// How `run --batch-api` and `collect` wait for provider batches.
struct BatchOptions: ParsableArguments {
    @Flag(help: "Submit the provider batches and return (run status `submitted`, exit 3); `triage-eval collect RUN_ID` picks the results up later (with --no-wait: checks each open batch once).")
    var noWait = false

    @Option(help: ArgumentHelp("First wait between polls of a provider batch; each later wait doubles.", valueName: "SECONDS"))
    var pollInterval: Double = 30

    @Option(help: ArgumentHelp("Longest wait between polls.", valueName: "SECONDS"))
    var pollMax: Double = 600

    @Option(help: ArgumentHelp("Batches an expired, cancelled or server-failed request may be in before it is recorded as an error.", valueName: "N"))
    var batchAttempts: Int = 3

    func validate() throws {
        guard pollInterval > 0, pollInterval.isFinite, pollMax > 0, pollMax.isFinite else {
            throw ValidationError("--poll-interval and --poll-max must be positive numbers of seconds")
        }
        guard batchAttempts >= 1 else { throw ValidationError("--batch-attempts must be at least 1") }
    }

    var polling: BatchPolling {
        BatchPolling(initial: pollInterval, maximum: pollMax, maxAttempts: batchAttempts, wait: !noWait)
    }

    /// The same options as arguments (for `collect`, which runs `run --resume`).
    var arguments: [String] {
        (noWait ? ["--no-wait"] : []) + ["--poll-interval", "\(pollInterval)", "--poll-max", "\(pollMax)", "--batch-attempts", "\(batchAttempts)"]
    }
}

/// The line `run` and `collect` print on each poll of a provider batch: its provider-side state and counts.
enum BatchProgressLine {
    static func render(_ progress: BatchProgress) -> String {
        var counts: [String] = []
        if let succeeded = progress.succeeded { counts.append("\(succeeded)\(progress.total.map { "/\($0)" } ?? "") succeeded") }
        else if let total = progress.total { counts.append("\(total) requests") }
        if let failed = progress.failed, failed > 0 { counts.append("\(failed) failed") }
        let next = progress.nextPoll.map { String(format: $0 < 10 ? "; next poll in %.1fs" : "; next poll in %.0fs", $0) } ?? ""
        return "batch \(progress.batchID) (\(progress.model)): \(progress.state)\(counts.isEmpty ? "" : ", " + counts.joined(separator: ", "))\(next)"
    }
}

import ArgumentParser
import Foundation
import TriageEvalReports
import TriageEvalEngine
import TriageEval
import TriageEvalStore

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recorded runs.",
        subcommands: [List.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recorded runs, newest first.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "How many runs to show.")
        var limit: Int = 20

        func run() async throws {
            let (_, store) = try global.open()
            var table = TextTable(header: ["run", "started", "status", "planned", "calls", "cached", "errors", "samples", "commit", "prompts", "models"])
            table.rightAligned = [0, 3, 4, 5, 6, 7]
            let formatter = ISO8601DateFormatter()
            for run in try await store.runs(limit: limit) {
                let names = try await store.runNames(run)
                table.rows.append([
                    "\(run.id)", formatter.string(from: run.startedAt), run.status.rawValue, "\(run.planned)", "\(run.calls)",
                    "\(run.cacheHits)", "\(run.errors)", "\(run.samples)", String((run.gitCommit ?? "").prefix(10)),
                    names.prompts.joined(separator: ", "), names.models.joined(separator: ", "),
                ])
            }
            print(table.rows.isEmpty ? "no runs yet" : table.render())
        }
    }
}

import ArgumentParser
import Foundation
import TriageEval
import TriageEvalEngine
import TriageEvalReports
import TriageEvalStore

struct ResultsExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Every result of a run as JSON Lines or CSV (case_id, prompt, model, sample, label, scenario, parse_status, verdict, confidence, alert, tokens, latency_ms, response, error)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl
        case csv
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The run (default: latest).", valueName: "ID"))
    var run: Int64?

    @Option(help: ArgumentHelp("jsonl or csv.", valueName: "FORMAT"))
    var format: Format = .jsonl

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var out: String?

    func run() async throws {
        let (workspace, store) = try global.open()
        let info = try await RunLoader(store: store, defaults: workspace.config.decision).run(run)
        let results = try await store.results(run: info.id)
        let text = format == .jsonl ? try ResultsExport.jsonLines(results) : ResultsExport.csv(results)
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } else {
            Terminal.data(text)
        }
    }
}

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
        // Streamed: a run of any size is read, converted and written a chunk at a time.
        let output = try ChunkedOutput(path: out)
        do {
            if format == .csv { try output.write(ResultsExport.csvHeader) }
            let (format, encoder) = (format, ResultsExport.jsonEncoder)
            try await store.forEachResult(run: info.id) { result in
                try output.write(format == .jsonl ? try ResultsExport.jsonLine(result, encoder: encoder) : ResultsExport.csvRow(result))
            }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
    }
}

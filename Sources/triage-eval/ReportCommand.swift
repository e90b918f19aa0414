import ArgumentParser
import Foundation
import TriageEvalStore
import TriageEvalEngine
import TriageEval
import TriageEvalReports

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the reports of a stored run (default: the latest).",
        discussion: "Writes run-<id>.<ext>; latest.<ext> is written only for the most recent run."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The run to report on (default: latest).", valueName: "ID"))
    var run: Int64?

    @Option(help: ArgumentHelp("Comma-separated formats: md, json, html, junit.", valueName: "FORMATS"))
    var format: String = "md,json"

    @Option(help: ArgumentHelp("Output directory (default: the config's reports directory).", valueName: "DIR"))
    var out: String?

    func run() async throws {
        let formats = try ReportFormat.list(format)
        let (workspace, store) = try global.open()
        let loader = RunLoader(store: store, defaults: workspace.config.decision)
        let info = try await loader.run(run)
        let analysis = try await loader.analysis(info)
        let isLatest = try await store.latestRun()?.id == info.id
        let written = try ReportWriter.write(analysis, formats: formats, to: out ?? workspace.reportsDirectory, isLatest: isLatest)
        for path in written { print(workspace.display(path)) }
    }
}

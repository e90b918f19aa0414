import CommandSupport
import ArgumentParser
import Foundation
import TriageEval
import TriageEvalEngine
import TriageEvalReports
import TriageEvalStore

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a base and a candidate prompt × model on the cases both answered.",
        discussion: """
            Each side is a run id (12), PROMPT@VERSION[/MODEL], a MODEL, or RUN:PROMPT@VERSION/MODEL; a side without \
            a run is looked up in --run (default: the latest run), and parts left out are taken from the other side. \
            Leads with attacks: how many the candidate misses that the base caught and catches that the base missed, \
            with exact McNemar tests on the attacks, on the benign cases (false alarms) and overall. Every number is on \
            one basis, stated on the page: sample 0 of each case answered on both sides. Then the flipped cases \
            (regressions first), metric and per-scenario deltas, a seeded paired bootstrap for Δrecall and Δprecision, \
            and a unified diff of the two prompt texts when they differ. Two sides with no shared case exit 2.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The base side.", valueName: "BASE"))
    var base: String

    @Argument(help: ArgumentHelp("The candidate side.", valueName: "CANDIDATE"))
    var candidate: String

    @Option(help: ArgumentHelp("The run sides without a run id refer to (default: latest).", valueName: "ID"))
    var run: Int64?

    @Option(help: ArgumentHelp("md (a PR comment) or html.", valueName: "FORMAT"))
    var format: ComparisonFormat = .md

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var out: String?

    @Option(help: ArgumentHelp("Seed of the paired bootstrap.", valueName: "N"))
    var seed: UInt64 = PairedComparison.defaultSeed

    @Option(help: ArgumentHelp("Bootstrap resamples.", valueName: "N"))
    var resamples: Int = PairedBootstrap.defaultResamples

    func run() async throws {
        let (workspace, store) = try global.open()
        var analyses = AnalysisCache(loader: RunLoader(store: store, defaults: workspace.config.decision), defaultRun: run)
        let baseSelector = try GroupSelector(parsing: base, field: "BASE")
        let candidateSelector = try GroupSelector(parsing: candidate, field: "CANDIDATE")
        let baseAnalysis = try await analyses.analysis(baseSelector.runID)
        let candidateAnalysis = try await analyses.analysis(candidateSelector.runID)
        // Each side takes the parts it leaves out from the other side's unambiguous match.
        let candidateHint = candidateSelector.matches(candidateAnalysis).count == 1 ? candidateSelector.matches(candidateAnalysis).first.map { ($0.prompt, $0.model) } : nil
        let baseGroup = try baseSelector.resolve(in: baseAnalysis, hint: candidateHint, field: "BASE")
        let candidateGroup = try candidateSelector.resolve(in: candidateAnalysis, hint: (baseGroup.prompt, baseGroup.model), field: "CANDIDATE")
        let comparison = RunComparison(
            base: .init(
                runID: baseAnalysis.run.id, group: baseGroup, prompt: baseAnalysis.prompts[baseGroup.prompt],
                robustness: baseAnalysis.robustness.group(prompt: baseGroup.prompt, model: baseGroup.model), caseRefs: baseAnalysis.caseRefs
            ),
            candidate: .init(
                runID: candidateAnalysis.run.id, group: candidateGroup, prompt: candidateAnalysis.prompts[candidateGroup.prompt],
                robustness: candidateAnalysis.robustness.group(prompt: candidateGroup.prompt, model: candidateGroup.model),
                caseRefs: candidateAnalysis.caseRefs
            ),
            seed: seed, resamples: resamples
        )
        guard comparison.statistics.paired > 0 else {
            let s = comparison.statistics
            throw UsageError(
                "\(comparison.base.name) and \(comparison.candidate.name) share no answered case (sample 0): \(s.onlyInBase.count) cases only in the base, \(s.onlyInCandidate.count) only in the candidate; nothing to compare"
            )
        }
        let text = format == .md ? ComparisonMarkdown.render(comparison) : ComparisonHTML.render(comparison)
        // The flipped cases' raw answers are read on demand: a comparison that could not read them is not shown as if whole.
        if let failure = baseAnalysis.details?.failure ?? candidateAnalysis.details?.failure { throw StoreError(failure) }
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            print(out)
        } else {
            print(text, terminator: "")
        }
    }
}

enum ComparisonFormat: String, ExpressibleByArgument, CaseIterable {
    case md
    case html
}

/// Loads each run's analysis once.
struct AnalysisCache {
    var loader: RunLoader
    var defaultRun: Int64?
    private var loaded: [Int64: RunAnalysis] = [:]

    init(loader: RunLoader, defaultRun: Int64?) {
        self.loader = loader
        self.defaultRun = defaultRun
    }

    /// The analysis of run `id`, or of the default run (`--run`, else the latest) when nil.
    mutating func analysis(_ id: Int64?) async throws -> RunAnalysis {
        let info = try await loader.run(id ?? defaultRun)
        if let cached = loaded[info.id] { return cached }
        let analysis = try await loader.analysis(info)
        loaded[info.id] = analysis
        return analysis
    }
}

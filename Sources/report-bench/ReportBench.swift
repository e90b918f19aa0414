import Foundation
import TriageEval
import TriageEvalReports
import TriageEvalStore

/// `swift run -c release report-bench [CASES] [SAMPLES]`: fills a temporary store with a synthetic run
/// (CASES × 2 prompts × 2 models × SAMPLES results; default 1250 × 1 = 5,000) and times report generation.
@main
struct ReportBench {
    static func ms(_ duration: Duration) -> String {
        String(format: "%.0f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
    }

    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let cases = arguments.first ?? 1250
        let samples = arguments.dropFirst().first ?? 1
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("store.sqlite").path)
        let (runID, count) = try await SyntheticRun.fill(store, cases: cases, samples: samples)
        print("synthetic run \(runID): \(count) results")

        let clock = ContinuousClock()
        let read = try await clock.measure { _ = try await store.results(run: runID) }
        print("store read alone (results of the run): \(ms(read))")
        let loader = RunLoader(store: store, defaults: AlertPolicy())
        var analysis: RunAnalysis?
        let load = try await clock.measure { analysis = try await loader.analysis(try await loader.run(runID)) }
        guard let analysis else { return }
        var sizes: [(String, Int, Duration)] = []
        for (name, render) in [
            ("markdown", { MarkdownReport.render(analysis) }), ("html", { HTMLReport.render(analysis) }),
            ("json", { (try? JSONReport.render(analysis)) ?? "" }), ("junit", { JUnitReport.render(analysis) }),
        ] as [(String, () -> String)] {
            var text = ""
            let elapsed = clock.measure { text = render() }
            sizes.append((name, text.utf8.count, elapsed))
            try text.write(to: directory.appendingPathComponent("report.\(name)"), atomically: true, encoding: .utf8)
        }
        print("load + score (store → RunAnalysis): \(ms(load))")
        var total = load
        for (name, bytes, elapsed) in sizes {
            print("\(name): \(ms(elapsed)), \(bytes / 1024) KiB")
            total += elapsed
        }
        print("total report generation (load + score + all four formats): \(ms(total))")
        if let keep = ProcessInfo.processInfo.environment["REPORT_BENCH_KEEP"] {
            try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            for name in ["markdown", "html", "json", "junit"] {
                let target = URL(fileURLWithPath: keep).appendingPathComponent("bench-report.\(name)")
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: directory.appendingPathComponent("report.\(name)"), to: target)
            }
        }
    }
}

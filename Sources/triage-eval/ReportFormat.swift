import ArgumentParser
import Foundation
import Synchronization
import TriageEvalStore
import TriageEvalEngine
import TriageEval
import TriageEvalReports

/// A report format `report --format` can write.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case md
    case json
    case html
    case junit

    var fileExtension: String { self == .junit ? "junit.xml" : rawValue }

    /// Hands the report to `emit` in pieces of whole lines: JUnit and JSON as they are produced (they list every
    /// case and every planned revision), Markdown and HTML whole (their case lists are paged).
    func write(_ analysis: RunAnalysis, to emit: (String) throws -> Void) throws {
        switch self {
        case .md: try emit(MarkdownReport.render(analysis))
        case .json: try JSONReport.write(analysis, to: emit)
        case .html: try emit(HTMLReport.render(analysis))
        case .junit: try JUnitReport.write(analysis, to: emit)
        }
    }

    /// Parses `md,json,html,junit` (also accepts `markdown`).
    static func list(_ text: String) throws -> [ReportFormat] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = ReportFormat(rawValue: name == "markdown" ? "md" : name) else {
                throw ValidationError("unknown report format \"\(name)\"; choose from md, json, html, junit")
            }
            return format
        }
    }
}

/// Writes a run's reports as `run-<id>.<ext>`, and as `latest.<ext>` only for the store's latest run
/// (`report --run 1` and `--resume` of an older run leave the latest run's reports alone).
enum ReportWriter {
    /// The formats are written at the same time, each on its own thread (they only read the analysis); the first
    /// format that failed, in the order given, is thrown once all are done.
    static func write(_ analysis: RunAnalysis, formats: [ReportFormat], to directory: String, isLatest: Bool) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let paths = formats.map { format in
            (["run-\(analysis.run.id).\(format.fileExtension)"] + (isLatest ? ["latest.\(format.fileExtension)"] : [])).map { "\(directory)/\($0)" }
        }
        let failures = Mutex<[Int: any Error]>([:])
        DispatchQueue.concurrentPerform(iterations: formats.count) { index in
            do {
                try write(analysis, as: formats[index], to: paths[index])
            } catch {
                failures.withLock { $0[index] = error }
            }
        }
        if let failure = failures.withLock({ failures in failures.keys.min().flatMap { failures[$0] } }) { throw failure }
        return paths.flatMap { $0 }
    }

    /// One report, written in chunks as it is produced (a temporary file renamed into place, nothing half-written),
    /// then copied to the other names (each through a temporary copy put in its place). Throws when a lean analysis could not read a result or case it lists (the
    /// report would show blanks where answers belong).
    static func write(_ analysis: RunAnalysis, as format: ReportFormat, to paths: [String]) throws {
        guard let first = paths.first else { return }
        let output = try ChunkedOutput(path: first)
        do {
            try format.write(analysis) { try output.write($0) }
            if let failure = analysis.details?.failure { throw StoreError(failure) }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
        for path in paths.dropFirst() {
            let copy = "\(path).partial-\(ProcessInfo.processInfo.processIdentifier)"
            try? FileManager.default.removeItem(atPath: copy)
            do {
                try FileManager.default.copyItem(atPath: first, toPath: copy)
                try ChunkedOutput.replace(path, with: copy)
            } catch {
                try? FileManager.default.removeItem(atPath: copy)
                throw error
            }
        }
    }
}

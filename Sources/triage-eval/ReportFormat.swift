import ArgumentParser
import Foundation
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

    /// The report's bytes; throws when a lean analysis could not read a result or case it lists (the report would
    /// show blanks where answers belong).
    func render(_ analysis: RunAnalysis) throws -> Data {
        let data = switch self {
        case .md: Data(MarkdownReport.render(analysis).utf8)
        case .json: try JSONReport.data(analysis)
        case .html: Data(HTMLReport.render(analysis).utf8)
        case .junit: Data(JUnitReport.render(analysis).utf8)
        }
        if let failure = analysis.details?.failure { throw StoreError(failure) }
        return data
    }

    /// Writes a report in pieces of whole lines.
    typealias Writer = (RunAnalysis, (String) throws -> Void) throws -> Void

    /// How a format too long to hold whole is written piece by piece; nil for the others.
    var streamed: Writer? {
        switch self {
        case .json: { try JSONReport.write($0, to: $1) }
        case .junit: { try JUnitReport.write($0, to: $1) }
        case .md, .html: nil
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
    static func write(_ analysis: RunAnalysis, formats: [ReportFormat], to directory: String, isLatest: Bool) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for format in formats {
            let paths = (["run-\(analysis.run.id).\(format.fileExtension)"] + (isLatest ? ["latest.\(format.fileExtension)"] : [])).map { "\(directory)/\($0)" }
            if let write = format.streamed {
                try stream(analysis, with: write, to: paths)
            } else {
                let data = try format.render(analysis)
                for path in paths { try data.write(to: URL(fileURLWithPath: path), options: .atomic) }
            }
            written += paths
        }
        return written
    }

    /// JUnit lists every case and the JSON report every planned revision and listed case: written in chunks as
    /// they are produced (a temporary file renamed into place, nothing half-written), then copied to the other names.
    static func stream(_ analysis: RunAnalysis, with write: ReportFormat.Writer, to paths: [String]) throws {
        guard let first = paths.first else { return }
        let output = try ChunkedOutput(path: first)
        do {
            try write(analysis) { try output.write($0) }
            if let failure = analysis.details?.failure { throw StoreError(failure) }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
        for path in paths.dropFirst() {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.copyItem(atPath: first, toPath: path)
        }
    }
}

import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEval
import TriageEvalEngine

/// A one-line progress display on a terminal (done/total, rate, errors, ETA); silent otherwise.
final class ProgressLine: Sendable {
    let enabled: Bool
    private let lastDraw = Mutex(0.0)

    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    func update(_ progress: RunProgress) {
        guard enabled else { return }
        let shouldDraw = lastDraw.withLock { last in
            guard progress.done == progress.total || progress.elapsed - last >= 0.1 else { return false }
            last = progress.elapsed
            return true
        }
        guard shouldDraw else { return }
        let rate = progress.elapsed > 0 ? Double(progress.done) / progress.elapsed : 0
        let remaining = rate > 0 ? Double(progress.total - progress.done) / rate : 0
        let line = String(
            format: "\r%d/%d  %.0f/s  errors %d  cached %d  ETA %.0fs ", progress.done, progress.total, rate, progress.errors,
            progress.cacheHits, remaining
        )
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

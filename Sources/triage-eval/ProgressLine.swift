import Synchronization
import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEval
import TriageEvalEngine

/// A one-line progress display on a terminal (done/total, rate, errors, ETA); silent otherwise.
final class ProgressLine: Sendable {
    let enabled: Bool
    /// Shown first (e.g. `shard 2/4`), or nil.
    let label: String?
    private let lastDraw = Mutex(0.0)

    init(quiet: Bool, label: String? = nil) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1
        self.label = label
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
        let line = (label.map { "\($0)  " } ?? "") + "\(progress.done)/\(progress.total)  \(String(format: "%.1f", rate))/s  errors \(progress.errors)"
            + "  cached \(progress.cacheHits)  ETA \(Self.duration(remaining))"
        Terminal.control("\r\u{1B}[K" + TerminalText.neutralized(line))
    }

    /// `42s`, `3m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
    }

    /// Erases the line so a message can be printed; the next update redraws it.
    func clear() {
        guard enabled else { return }
        Terminal.control("\r\u{1B}[K")
    }

    func finish() {
        guard enabled else { return }
        Terminal.control("\r\u{1B}[K")
    }
}
